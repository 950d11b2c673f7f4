{{%AUTOESCAPE context="HTML"}}<section class="auth card">
<h1>Sign in</h1>
{{#HAS_ERRORS}}<p class="form-error" role="alert">{{ERROR}}</p>{{/HAS_ERRORS}}
<form method="post" action="/login">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<label for="username">User name</label>
<input id="username" name="username" value="{{USERNAME_VALUE}}" autocomplete="username" autocapitalize="none" required maxlength="64"{{#INVALID_USERNAME}} aria-invalid="true"{{/INVALID_USERNAME}}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required{{#INVALID_PASSWORD}} aria-invalid="true"{{/INVALID_PASSWORD}}>
<button type="submit" class="primary">Sign in</button>
</form>
</section>
