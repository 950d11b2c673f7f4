{{%AUTOESCAPE context="HTML"}}<article class="listing">
<div class="pagehead">
<h1><bdi>{{TITLE}}</bdi></h1>
</div>
{{#ENDED}}<div class="msg msg-warning">This listing ended {{AT}} ({{AT_AGO}}): {{REASON}}.</div>{{/ENDED}}
<div class="itemtop card">
<div class="thumb big">{{#IMAGE}}<img src="{{SRC}}" alt="" loading="lazy" decoding="async" width="240" height="240">{{/IMAGE}}{{#NO_IMAGE}}<span class="noimg" aria-hidden="true">{{NO_IMAGE_TEXT}}</span>{{/NO_IMAGE}}</div>
<div class="info">
<p class="price big">{{PRICE}}{{#IS_BID}} <span class="muted">current bid</span>{{/IS_BID}}</p>
<p>+ {{SHIPPING}} shipping · Total <strong>{{TOTAL}}</strong></p>
<p class="meta">{{CONDITION}} · {{FORMAT}}{{#AUCTION}} · {{BIDS}}{{/AUCTION}}{{#HAS_END}} · <span class="left{{#ENDING_SOON}} soon{{/ENDING_SOON}}">{{TIME_LEFT}}</span>{{/HAS_END}}</p>
<p class="meta">Seller <bdi class="seller">{{SELLER}}</bdi> <span class="muted">({{FEEDBACK}})</span> · <bdi class="loc">{{LOCATION}}</bdi></p>
<p class="meta muted"><bdi>{{CATEGORY}}</bdi> {{MARKETPLACE}} <code>{{ITEM_ID}}</code>{{#RELISTED_FROM}} · relisted from <a href="/items/{{ID:u}}">{{ID}}</a>{{/RELISTED_FROM}}</p>
<p>{{#LINK}}<a class="button primary" href="{{HREF}}" rel="noopener noreferrer nofollow" target="_blank">View on eBay</a>{{/LINK}}{{#NOLINK}}<span class="muted">No eBay link for this listing: <span class="url">{{URL_TEXT}}</span></span>{{/NOLINK}}</p>
</div>
</div>
<dl class="facts card">
<div><dt>First seen</dt><dd><time datetime="{{FIRST_SEEN_ISO}}">{{FIRST_SEEN}}</time> <span class="muted">{{FIRST_SEEN_AGO}}</span></dd></div>
<div><dt>Last seen</dt><dd><time datetime="{{LAST_SEEN_ISO}}">{{LAST_SEEN}}</time> <span class="muted">{{LAST_SEEN_AGO}}</span></dd></div>
<div><dt>Data fetched from eBay</dt><dd class="{{#STALE}}stale{{/STALE}}"><time datetime="{{FETCHED_ISO}}">{{FETCHED}}</time> <span class="muted">{{FETCHED_AGO}}</span>{{#STALE}}: older than 6 hours, check eBay for the current price{{/STALE}}</dd></div>
<div><dt>Found by</dt><dd>{{#SEARCHES}}<a href="/searches/{{ID}}">{{NAME}}</a> {{/SEARCHES}}</dd></div>
</dl>
<section class="card">
<h2>Price history</h2>
{{#NO_HISTORY}}<p class="muted">No prices recorded yet.</p>{{/NO_HISTORY}}
{{CHART_HTML:none}}
<table class="history">
<thead><tr><th>When (UTC)</th><th>Price</th><th>Shipping</th><th>Total</th><th>Bids</th></tr></thead>
<tbody>{{#HISTORY}}<tr><td>{{WHEN}}</td><td>{{PRICE}}</td><td>{{SHIPPING}}</td><td>{{TOTAL}}</td><td>{{BIDS}}</td></tr>{{/HISTORY}}</tbody>
</table>
</section>
<section class="card">
<h2>Events</h2>
<ul class="events">{{#EVENTS}}<li><span class="mark mark-{{KIND}}">{{LABEL}}</span> <time datetime="{{WHEN_ISO}}">{{WHEN}}</time> <span class="muted">{{WHEN_AGO}}</span>{{#OLD}} from {{TOTAL}}{{/OLD}}{{#NEW}} to {{TOTAL}}{{/NEW}}</li>{{/EVENTS}}</ul>
</section>
</article>
