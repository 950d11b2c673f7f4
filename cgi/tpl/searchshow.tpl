{{%AUTOESCAPE context="HTML"}}<div class="pagehead">
<h1>{{NAME}}</h1>
<span class="status status-{{STATUS}}">{{STATUS}}</span>
</div>
<p class="muted">{{SUMMARY}} · <a href="{{LIVE_HREF}}">search live now</a></p>
<section class="card state">
<dl class="facts">
<div><dt>Scans</dt><dd>every {{INTERVAL}} min{{#STRETCHED}} <span class="warn">— for now every <strong>{{EFFECTIVE}}</strong> min: the day's eBay budget cannot cover every search at its interval</span>{{/STRETCHED}}</dd></div>
<div><dt>Cost</dt><dd>{{CALLS}} calls a day of {{LIMIT}}</dd></div>
<div><dt>Next scan</dt><dd>{{NEXT_RUN}}</dd></div>
<div><dt>Last scan</dt><dd>{{#LAST_RUN}}<time datetime="{{AT_ISO}}">{{AT}}</time> <span class="muted">{{AT_AGO}}</span>{{/LAST_RUN}}{{#NEVER_RUN}}not yet{{/NEVER_RUN}}</dd></div>
</dl>
{{#LAST_ERROR}}<p class="bad">Last error: {{TEXT}}</p>{{/LAST_ERROR}}
<div class="actions">
<form method="post" action="/searches/{{ID}}/run"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">Scan soon</button></form>
<a class="button" href="#edit">Edit</a>
<details class="confirm"><summary class="button danger">Delete…</summary>
<form method="post" action="/searches/{{ID}}/delete"><input type="hidden" name="csrf" value="{{CSRF}}"><p>Delete this search with its finds, price history links and scan log?</p><button type="submit" class="danger">Yes, delete it</button></form>
</details>
</div>
</section>
<section>
<h2>Finds <span class="muted">{{FINDS_COUNT}}</span></h2>
{{#FINDS_MORE}}<p class="muted">The newest {{SHOWN}} are shown.</p>{{/FINDS_MORE}}
{{#NO_FINDS}}<p class="empty">Nothing found yet. The scanner runs in the background; finds appear here, newest first.</p>{{/NO_FINDS}}
<ol class="results finds">
{{#FINDS}}<li class="item{{#MARK_ENDED}} ended{{/MARK_ENDED}}">
<div class="thumb">{{#IMAGE}}<img src="{{SRC}}" alt="" loading="lazy" decoding="async" width="140" height="140">{{/IMAGE}}{{#NO_IMAGE}}<span class="noimg" aria-hidden="true">{{NO_IMAGE_TEXT}}</span>{{/NO_IMAGE}}</div>
<div class="info">
<p class="marks">{{#MARK_NEW}}<span class="mark mark-new">new</span>{{/MARK_NEW}}{{#MARK_PRICE}}<span class="mark mark-price">price changed, was {{OLD_TOTAL}}</span>{{/MARK_PRICE}}{{#MARK_ENDED}}<span class="mark mark-ended">ended</span>{{/MARK_ENDED}}{{#MARK_RELISTED}}<span class="mark mark-relisted">relisted</span>{{/MARK_RELISTED}} <span class="muted">found {{FOUND_AGO}}</span></p>
<h3 class="title">{{#LINK}}<a href="{{HREF}}" rel="noopener noreferrer nofollow" target="_blank"><bdi>{{TITLE}}</bdi></a>{{/LINK}}{{#NOLINK}}<bdi>{{TITLE}}</bdi>{{/NOLINK}}</h3>
<p class="meta">{{CONDITION}} · {{FORMAT}}{{#AUCTION}} · <span class="bids">{{BIDS}}</span>{{/AUCTION}}{{#HAS_END}} · <span class="left{{#ENDING_SOON}} soon{{/ENDING_SOON}}">{{TIME_LEFT}}</span>{{/HAS_END}}</p>
<p class="meta">Seller <bdi class="seller">{{SELLER}}</bdi> <span class="muted">({{FEEDBACK}})</span> · <bdi class="loc">{{LOCATION}}</bdi> · <a href="/items/{{ITEM_ID:u}}">price history</a></p>
</div>
<div class="money">
<p class="price">{{PRICE}}{{#IS_BID}} <span class="muted">current bid</span>{{/IS_BID}}</p>
<p class="ship">+ {{SHIPPING}} shipping</p>
<p class="total">Total <strong>{{TOTAL}}</strong></p>
</div>
</li>
{{/FINDS}}
</ol>
</section>
<section class="card">
<h2>Last scans</h2>
{{#NO_RUNS}}<p class="muted">Not scanned yet.</p>{{/NO_RUNS}}
{{#HAS_RUNS}}<div class="scroll"><table class="runs">
<thead><tr><th>Started</th><th>Result</th><th>Took</th><th>Calls</th><th>Seen</th><th>New</th><th>Price changes</th><th>Ended</th></tr></thead>
<tbody>{{#RUNS}}<tr><td><time datetime="{{STARTED_ISO}}">{{STARTED}}</time></td><td><span class="status status-{{STATUS}}">{{STATUS}}</span>{{#ERROR}}<br><span class="bad">{{TEXT}}</span>{{/ERROR}}</td><td>{{TOOK}}</td><td>{{CALLS}}</td><td>{{SEEN}}</td><td>{{NEW}}</td><td>{{CHANGED}}</td><td>{{ENDED}}</td></tr>
{{/RUNS}}</tbody>
</table></div>{{/HAS_RUNS}}
</section>
<section class="card" id="edit">
<h2>Edit</h2>
<form class="editform" method="post" action="/searches/{{ID}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{>SEARCH_FORM}}
{{>SAVED_FORM}}
<button type="submit" class="primary">Save changes</button>
</form>
</section>
