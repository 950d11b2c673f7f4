{{%AUTOESCAPE context="HTML"}}<section class="auth card">
<h1>Welcome to ebay-scanner</h1>
<p>There is no account yet. Create the first one: it is yours, and this page goes away once it exists.</p>
{{#HAS_ERRORS}}<p class="form-error" role="alert">{{ERROR}}</p>{{/HAS_ERRORS}}
<form method="post" action="/setup">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="username">User name</label>
<input id="username" name="username" value="{{USERNAME_VALUE}}" autocomplete="username" autocapitalize="none" required maxlength="64"{{#INVALID_USERNAME}} aria-invalid="true"{{/INVALID_USERNAME}}>
<label for="password">Password <span class="muted">(8 characters or more)</span></label>
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="8"{{#INVALID_PASSWORD}} aria-invalid="true"{{/INVALID_PASSWORD}}>
<label for="password2">The password again</label>
<input id="password2" name="password2" type="password" autocomplete="new-password" required minlength="8"{{#INVALID_PASSWORD2}} aria-invalid="true"{{/INVALID_PASSWORD2}}>
<button type="submit" class="primary">Create the account</button>
</form>
</section>
