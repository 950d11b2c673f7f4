{{%AUTOESCAPE context="HTML"}}<h1 class="sr">Search eBay</h1>
<form class="searchform" method="get" action="/search" role="search">
{{>SEARCH_FORM}}
</form>
{{#HAS_ERRORS}}<div class="msg msg-error" role="alert"><strong>Please fix the search:</strong><ul>{{#ERRORS}}<li><code>{{FIELD}}</code> {{MESSAGE}}</li>{{/ERRORS}}</ul></div>{{/HAS_ERRORS}}
{{#RESULTS}}
<div class="resultbar">
<p><strong>{{TOTAL}}</strong> results · page {{PAGE}}{{#PAGES}} of {{N}}{{/PAGES}}</p>
<p class="fetched{{#STALE}} stale{{/STALE}}">Data fetched from eBay at <time datetime="{{FETCHED_ISO}}">{{FETCHED}}</time>{{#FROM_CACHE}} ({{FETCHED_AGO}}){{/FROM_CACHE}}{{#STALE}}: older than 6 hours, prices may have changed{{/STALE}}</p>
</div>
{{#PROBLEM}}<div class="msg msg-warning" role="status">eBay reported a problem with this search: {{TEXT}}</div>{{/PROBLEM}}
{{#NO_ITEMS}}<p class="empty">Nothing found. Try fewer words or wider filters.</p>{{/NO_ITEMS}}
<ol class="results">
{{#ITEMS}}<li class="item">
<div class="thumb">{{#IMAGE}}<img src="{{SRC}}" alt="" loading="lazy" decoding="async" width="140" height="140">{{/IMAGE}}{{#NO_IMAGE}}<span class="noimg" aria-hidden="true">{{NO_IMAGE_TEXT}}</span>{{/NO_IMAGE}}</div>
<div class="info">
<h2 class="title">{{#LINK}}<a href="{{HREF}}" rel="noopener noreferrer nofollow" target="_blank"><bdi>{{TITLE}}</bdi></a>{{/LINK}}{{#NOLINK}}<bdi>{{TITLE}}</bdi>{{/NOLINK}}</h2>
<p class="meta">{{CONDITION}} · {{FORMAT}}{{#AUCTION}} · <span class="bids">{{BIDS}}</span>{{/AUCTION}}{{#HAS_END}} · <span class="left{{#ENDING_SOON}} soon{{/ENDING_SOON}}">{{TIME_LEFT}}</span>{{/HAS_END}}</p>
<p class="meta">Seller <bdi class="seller">{{SELLER}}</bdi> <span class="muted">({{FEEDBACK}})</span> · <bdi class="loc">{{LOCATION}}</bdi></p>
</div>
<div class="money">
<p class="price">{{PRICE}}{{#IS_BID}} <span class="muted">current bid</span>{{/IS_BID}}</p>
<p class="ship">+ {{SHIPPING}} shipping</p>
<p class="total">Total <strong>{{TOTAL}}</strong></p>
</div>
</li>
{{/ITEMS}}
</ol>
<nav class="pager" aria-label="Pages">{{#PREV}}<a class="button" rel="prev" href="{{HREF}}">← Previous</a>{{/PREV}}{{#NEXT}}<a class="button" rel="next" href="{{HREF}}">Next →</a>{{/NEXT}}</nav>
{{/RESULTS}}
{{#SAVE}}
<section class="card save" id="save">
<h2>Save this search</h2>
<p class="muted">{{SUMMARY}}</p>
<form method="post" action="/searches">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#SPEC_FIELDS}}<input type="hidden" name="{{KEY}}" value="{{VALUE}}">
{{/SPEC_FIELDS}}
{{>SAVED_FORM}}
<button type="submit" class="primary">Save and watch this search</button>
</form>
</section>
{{/SAVE}}
