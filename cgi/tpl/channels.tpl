{{%AUTOESCAPE context="HTML"}}<div class="pagehead">
<h1>Channels</h1>
</div>
<p class="muted">Where your alerts go. A saved search sends through the channels you tick on its page; each channel gets at most one message per scan, or an hourly or daily digest.</p>
{{#NO_CHANNELS}}<p class="empty card">No channels yet. Add one below: a webhook, ntfy, Discord, Slack, Telegram or email.</p>{{/NO_CHANNELS}}
<ul class="searchlist channels">
{{#CHANNEL}}<li class="card">
<div class="row"><a class="name" href="/channels/{{ID}}">{{NAME}}</a> <span class="muted">{{KIND}} · {{MODE}}</span> {{#HEALTHY}}<span class="status status-ok">ok</span>{{/HEALTHY}}{{#FAILING}}<span class="status status-error">failing ({{FAILURES}})</span>{{/FAILING}}</div>
<p class="muted"><code>{{TARGET}}</code></p>
<p class="muted">{{#LAST_OK}}Last delivered {{AT}}. {{/LAST_OK}}{{PENDING}} waiting{{#HAS_DEAD}}, <span class="warn">{{DEAD}} given up</span>{{/HAS_DEAD}}.</p>
{{#FAILING}}{{#LAST_ERROR}}<p class="bad">Last error ({{AT}}): {{TEXT}}</p>{{/LAST_ERROR}}{{/FAILING}}
</li>
{{/CHANNEL}}
</ul>
<section class="card" id="add">
<h2>Add a channel</h2>
{{#HAS_ERRORS}}<p class="bad" role="alert">The channel was not added: see below.</p>{{/HAS_ERRORS}}
<form method="post" action="/channels" class="editform">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field"><label for="ch-name">Name</label>
<input id="ch-name" name="name" value="{{NAME}}" maxlength="100" required{{#INVALID_NAME}} aria-invalid="true"{{/INVALID_NAME}}>
{{#ERR_NAME}}<span class="field-error">The name {{MESSAGE}}.</span>{{/ERR_NAME}}</div>
<div class="field"><label for="ch-url">URL</label>
<input id="ch-url" name="url" autocomplete="off" spellcheck="false" placeholder="ntfy://my-topic" required{{#INVALID_URL}} aria-invalid="true"{{/INVALID_URL}}>
{{#ERR_URL}}<span class="field-error">{{MESSAGE}}.</span>{{/ERR_URL}}
<span class="muted">A webhook URL (https://…), or an Apprise URL as in changedetection.io: <code>json://host/path</code>, <code>ntfy://topic</code>, <code>ntfy://host/topic</code>, <code>discord://id/token</code>, <code>slack://A/B/C</code>, <code>tgram://bottoken/chat_id</code>, <code>mailto://user:pass@smtp.host?to=you@example.com</code>, or an email address.</span></div>
<div class="field"><label for="ch-kind">An http(s) URL is</label>
<select id="ch-kind" name="kind">{{#KIND_OPTION}}<option value="{{VALUE}}"{{#ON}} selected{{/ON}}>{{LABEL}}</option>{{/KIND_OPTION}}</select>
{{#ERR_KIND}}<span class="field-error">The kind {{MESSAGE}}.</span>{{/ERR_KIND}}</div>
<div class="field"><label for="ch-mode">Send</label>
<select id="ch-mode" name="mode">{{#MODE_OPTION}}<option value="{{VALUE}}"{{#ON}} selected{{/ON}}>{{LABEL}}</option>{{/MODE_OPTION}}</select>
{{#ERR_MODE}}<span class="field-error">The mode {{MESSAGE}}.</span>{{/ERR_MODE}}</div>
<div class="actions"><button type="submit" class="primary">Add channel</button></div>
</form>
</section>
<section class="card" id="feeds">
<h2>Feeds</h2>
<p class="muted">An Atom feed of a search's finds, for a feed reader. Each URL carries its own secret token: anyone with it can read the feed until you revoke it.</p>
{{#NEW_FEED}}<div class="msg msg-notice" role="status"><p>New feed URL (shown only now, copy it):</p><p><code class="feedurl">{{URL}}</code></p></div>{{/NEW_FEED}}
<ul>
{{#FEED}}<li>{{SEARCH}} <span class="muted">(made {{CREATED}})</span>
<form method="post" action="/channels/feeds/{{ID}}/revoke" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="danger link">Revoke</button></form></li>
{{/FEED}}
</ul>
{{#NO_FEEDS}}<p class="muted">No feed URLs.</p>{{/NO_FEEDS}}
{{#HAS_SEARCHES}}<form method="post" action="/channels/feeds">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="feed-search">Make a feed URL for</label>
<select id="feed-search" name="search">{{#SEARCH_OPTION}}<option value="{{ID}}">{{NAME}}</option>{{/SEARCH_OPTION}}</select>
<button type="submit">Make feed URL</button>
</form>{{/HAS_SEARCHES}}
</section>
