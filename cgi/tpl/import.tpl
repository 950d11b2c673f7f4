{{%AUTOESCAPE context="HTML"}}<h1>Import</h1>
{{#HAS_ERRORS}}<div class="msg msg-error" role="alert"><strong>Nothing was imported.</strong><ul>{{#ERRORS}}<li>{{#HAS_LINE}}Line {{LINE}}: {{/HAS_LINE}}{{#HAS_FIELD}}<code>{{FIELD}}</code> {{/HAS_FIELD}}{{MESSAGE}}</li>{{/ERRORS}}</ul></div>{{/HAS_ERRORS}}
{{#CREATED}}<div class="msg msg-notice" role="status">Saved the search <a href="/searches/{{ID}}">{{NAME}}</a> ({{MARKETPLACE}}).</div>{{/CREATED}}
{{#HAS_SKIPPED}}<div class="card"><h2>Parts of the eBay address that the saved search does not do</h2><ul>{{#SKIPPED}}<li><code>{{NAME}}={{VALUE}}</code>: {{REASON}}{{#IGNORED}} (ignored){{/IGNORED}}</li>{{/SKIPPED}}</ul></div>{{/HAS_SKIPPED}}
{{#IMPORTED}}<div class="msg msg-notice" role="status">Imported {{SEARCHES}} searches and {{CHANNELS}} new channels ({{REUSED}} channels were already there).</div>{{/IMPORTED}}
<form class="card" method="post" action="/import">
<input type="hidden" name="csrf" value="{{CSRF}}">
<h2>From an eBay search</h2>
<p><label for="url">Paste the address of an eBay search page (ebay.com, ebay.de, ebay.co.uk, ...)</label></p>
<p><input id="url" name="url" type="url" size="80" value="{{URL}}" placeholder="https://www.ebay.com/sch/i.html?_nkw=..."></p>
<p><label for="name">Name of the saved search (optional)</label> <input id="name" name="name" maxlength="200" value="{{NAME_VALUE}}"></p>
<button type="submit" class="primary">Save as a search</button>
</form>
<form class="card" method="post" action="/import" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{{CSRF}}">
<h2>From an export file</h2>
<p>The searches and channels of a file from <a href="/export">Export</a> are added to yours, all or nothing.</p>
{{#UPLOADED}}<p>The text of <code>{{NAME}}</code> is in the box below: fix it there and import again.</p>{{/UPLOADED}}
<p><label for="upload">Choose the file</label> <input id="upload" name="upload" type="file" accept=".json,application/json"></p>
<p><label for="file">or paste its contents</label></p>
<p><textarea id="file" name="file" rows="12" cols="80">{{FILE}}</textarea></p>
<button type="submit" class="primary">Import</button>
</form>
<p><a href="/export">Export</a> your searches and channels as a JSON file.</p>
