{{%AUTOESCAPE context="HTML"}}<div class="pagehead">
<h1>Saved searches</h1>
<a class="button" href="/">New search</a>
</div>
{{#NO_SEARCHES}}<p class="empty card">No saved searches yet. <a href="/">Search eBay</a>, then use <em>Save this search</em> under the results.</p>{{/NO_SEARCHES}}
<ul class="searchlist">
{{#SEARCHES}}<li class="card">
<div class="row"><a class="name" href="/searches/{{ID}}">{{NAME}}</a> <span class="status status-{{STATUS}}">{{STATUS}}</span></div>
<p class="muted">{{SUMMARY}}</p>
<p class="muted">{{FINDS}} finds{{#NEW}} · <strong class="new">{{COUNT}} new in 24 h</strong>{{/NEW}} · every {{INTERVAL}} min{{#STRETCHED}} <span class="warn">(stretched to {{EFFECTIVE}} min by the daily budget)</span>{{/STRETCHED}} · {{CALLS}} calls/day</p>
{{#ERROR}}<p class="bad">Last error: {{TEXT}}</p>{{/ERROR}}
</li>
{{/SEARCHES}}
</ul>
