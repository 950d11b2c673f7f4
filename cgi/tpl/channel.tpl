{{%AUTOESCAPE context="HTML"}}<div class="pagehead">
<h1>{{NAME}}</h1>
{{#HEALTHY}}<span class="status status-ok">ok</span>{{/HEALTHY}}{{#FAILING}}<span class="status status-error">failing ({{FAILURES}} in a row)</span>{{/FAILING}}
</div>
<p class="muted">{{KIND}} · {{MODE}} · <code>{{TARGET}}</code></p>
{{#TEST_RESULT}}<section class="card testresult">
<h2>Test message: {{#TEST_OK}}accepted{{/TEST_OK}}{{#TEST_FAILED}}<span class="bad">failed</span>{{/TEST_FAILED}}</h2>
<dl class="facts">
{{#STATUS}}<div><dt>Status</dt><dd>{{CODE}}</dd></div>{{/STATUS}}
{{#ERROR}}<div><dt>Error</dt><dd class="bad">{{TEXT}}</dd></div>{{/ERROR}}
{{#REPLY}}<div><dt>Reply</dt><dd><pre class="reply">{{TEXT}}</pre></dd></div>{{/REPLY}}
</dl>
</section>{{/TEST_RESULT}}
<section class="card state">
<dl class="facts">
<div><dt>Last delivered</dt><dd>{{#LAST_OK}}{{AT}}{{/LAST_OK}}</dd></div>
<div><dt>Waiting</dt><dd>{{PENDING}} alerts{{#HAS_DEAD}}, <span class="warn">{{DEAD}} given up after repeated failures</span>{{/HAS_DEAD}}</dd></div>
{{#LAST_ERROR}}<div><dt>Last error</dt><dd class="bad">{{AT}}: {{TEXT}}</dd></div>{{/LAST_ERROR}}
<div><dt>Searches</dt><dd>{{#SEARCH}}<a href="/searches/{{SEARCH_ID}}">{{SEARCH_NAME}}</a> {{/SEARCH}}{{#NO_SEARCHES}}none yet: tick this channel on a saved search's page{{/NO_SEARCHES}}</dd></div>
</dl>
<div class="actions">
<form method="post" action="/channels/{{ID}}/test"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="primary">Send a test message</button></form>
<form method="post" action="/channels/{{ID}}/delete" class="danger"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="danger">Delete</button></form>
</div>
</section>
<section>
<h2>Recent deliveries</h2>
{{#NO_DELIVERIES}}<p class="empty">Nothing sent yet.</p>{{/NO_DELIVERIES}}
<div class="scroll"><table class="deliveries">
<thead><tr><th>When</th><th>Alerts</th><th>Result</th><th>Status</th><th>Reply or error</th></tr></thead>
<tbody>
{{#DELIVERY}}<tr><td>{{AT}}{{#IS_TEST}} <span class="muted">(test)</span>{{/IS_TEST}}</td><td>{{ALERTS}}</td><td>{{#OK}}delivered{{/OK}}{{#FAILED}}<span class="bad">failed</span>{{/FAILED}}</td><td>{{STATUS}}</td><td>{{#ERROR}}<span class="bad">{{TEXT}}</span> {{/ERROR}}{{#RESPONSE}}<code>{{TEXT}}</code>{{/RESPONSE}}</td></tr>
{{/DELIVERY}}
</tbody></table></div>
</section>
<p><a href="/channels">All channels</a></p>
