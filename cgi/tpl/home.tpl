{{%AUTOESCAPE context="HTML"}}<h1 class="sr">Search eBay</h1>
<form class="searchform" method="get" action="/search" role="search">
{{>SEARCH_FORM}}
</form>
<div class="columns">
<section class="card">
<h2>Your saved searches</h2>
{{#NO_SEARCHES}}<p class="empty">None yet. Search above, then use <em>Save this search</em> under the results: it is scanned on a schedule and you are told about new matches, price drops and auctions ending.</p>{{/NO_SEARCHES}}
{{#HAS_SEARCHES}}<ul class="searches">
{{#SEARCHES}}<li><a class="name" href="/searches/{{ID}}">{{NAME}}</a> <span class="status status-{{STATUS}}">{{STATUS}}</span>
<span class="muted">{{SUMMARY}}</span>
<span class="muted">{{FINDS}} finds{{#NEW}} · <strong class="new">{{COUNT}} new in 24 h</strong>{{/NEW}} · every {{INTERVAL}} min{{#STRETCHED}} (now every {{EFFECTIVE}} min){{/STRETCHED}} · {{CALLS}} calls/day</span>
{{#ERROR}}<span class="bad">{{TEXT}}</span>{{/ERROR}}</li>
{{/SEARCHES}}</ul>{{/HAS_SEARCHES}}
</section>
<section class="card">
<h2>Recent finds</h2>
{{#HAS_RECENT}}<ul class="recent">
{{#RECENT}}<li><a href="/items/{{ITEM_ID:u}}">{{TITLE}}</a>{{#ENDED}} <span class="mark mark-ended">ended</span>{{/ENDED}}
<span class="muted"><strong>{{TOTAL}}</strong> · {{FOUND_AGO}} · <a href="/searches/{{SEARCH_ID}}">{{SEARCH_NAME}}</a></span></li>
{{/RECENT}}</ul>{{/HAS_RECENT}}
{{#NO_RECENT}}<p class="empty">Nothing found yet. Saved searches are scanned in the background; what they find shows up here.</p>{{/NO_RECENT}}

{{#QUOTA}}<p class="muted quota">eBay calls today: {{USED}} of {{LIMIT}} (live search {{USED_WEB}}, scans {{USED_WORKER}}).{{#BLOCKED}} <span class="bad">Calls are paused: {{REASON}}</span>{{/BLOCKED}}</p>{{/QUOTA}}
</section>
</div>
