{{%AUTOESCAPE context="HTML"}}<section class="error">
<h1>{{STATUS}} {{REASON}}</h1>
<p class="lead">{{MESSAGE}}</p>
{{#HAS_FIELD}}<p>Field: <code>{{FIELD}}</code></p>{{/HAS_FIELD}}
<p><a class="button" href="/">Back to the start page</a></p>
<p class="muted">Request {{REQUEST_ID}}</p>
</section>
