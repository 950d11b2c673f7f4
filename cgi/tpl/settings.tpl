{{%AUTOESCAPE context="HTML"}}<h1>Settings</h1>
<section class="card">
<h2>API tokens</h2>
<p>A token lets a script use <a href="/api/v1/openapi.json">the JSON API</a> as you: send it as <code>Authorization: Bearer <var>token</var></code>. Revoke a token you no longer use.</p>
{{#NEW_TOKEN}}<div class="msg msg-notice" role="status"><p>Your new token <strong>{{NAME}}</strong>. Copy it now: it is not shown again.</p><p><code class="token">{{TOKEN}}</code></p></div>{{/NEW_TOKEN}}
{{#HAS_ERRORS}}<div class="msg msg-error" role="alert"><ul>{{#ERRORS}}<li><code>{{FIELD}}</code> {{MESSAGE}}</li>{{/ERRORS}}</ul></div>{{/HAS_ERRORS}}
{{#HAS_TOKENS}}<table class="tokens">
<thead><tr><th>Name</th><th>Starts with</th><th>Created</th><th>Last used</th><th></th></tr></thead>
<tbody>{{#TOKENS}}<tr><td>{{NAME}}</td><td><code>{{PREFIX}}…</code></td><td>{{CREATED}}</td><td>{{LAST_USED}}</td><td>{{#REVOKED}}revoked {{REVOKED_AT}}{{/REVOKED}}{{#ACTIVE}}<form method="post" action="/settings/tokens/{{ID}}/revoke"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="link">Revoke</button></form>{{/ACTIVE}}</td></tr>
{{/TOKENS}}</tbody></table>{{/HAS_TOKENS}}
{{#NO_TOKENS}}<p>No tokens yet.</p>{{/NO_TOKENS}}
<form method="post" action="/settings/tokens">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="token-name">Name</label> <input id="token-name" name="name" maxlength="100" required placeholder="home server script">
<button type="submit" class="primary">Create a token</button>
</form>
</section>
<section class="card"><h2>Your data</h2><p><a href="/export">Export</a> your searches and channels, or <a href="/import">import</a> a file or an eBay search address.</p></section>
