{{%AUTOESCAPE context="HTML"}}<h1>{{#EDITING}}Edit the search{{/EDITING}}{{#CREATING}}Save a search{{/CREATING}}</h1>
{{#HAS_ERRORS}}<div class="msg msg-error" role="alert"><strong>Please fix these fields:</strong><ul>{{#ERRORS}}<li><code>{{FIELD}}</code> {{MESSAGE}}</li>{{/ERRORS}}</ul></div>{{/HAS_ERRORS}}
<form class="card editform" method="post" action="/searches{{#EDITING}}/{{ID}}{{/EDITING}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{>SEARCH_FORM}}
{{>SAVED_FORM}}
<button type="submit" class="primary">Save</button>
</form>
