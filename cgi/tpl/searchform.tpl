{{%AUTOESCAPE context="HTML"}}<div class="qrow">
<label class="sr" for="q">Search eBay for</label>
<input id="q" name="q" type="search" value="{{Q}}" maxlength="100" placeholder="What are you looking for? e.g. thinkpad x220"{{#SEARCH_BUTTON}} autofocus{{/SEARCH_BUTTON}}{{#INVALID_Q}} aria-invalid="true" aria-describedby="err-q"{{/INVALID_Q}}>
{{#SEARCH_BUTTON}}<button type="submit" class="primary">Search</button>{{/SEARCH_BUTTON}}
</div>
{{#ERR_Q}}<p class="field-error" id="err-q">Search words {{MESSAGE}}.</p>{{/ERR_Q}}
<details class="filters"{{#FILTERS_OPEN}} open{{/FILTERS_OPEN}}>
<summary>Filters{{#SEARCH_BUTTON}} and sort{{/SEARCH_BUTTON}}</summary>
<div class="grid">
<div class="field"><label for="min_price">Min price</label>
<input id="min_price" name="min_price" inputmode="decimal" value="{{MIN_PRICE}}" placeholder="0.00"{{#INVALID_MIN_PRICE}} aria-invalid="true"{{/INVALID_MIN_PRICE}}>
{{#ERR_MIN_PRICE}}<span class="field-error">Min price {{MESSAGE}}.</span>{{/ERR_MIN_PRICE}}</div>
<div class="field"><label for="max_price">Max price</label>
<input id="max_price" name="max_price" inputmode="decimal" value="{{MAX_PRICE}}" placeholder="any"{{#INVALID_MAX_PRICE}} aria-invalid="true"{{/INVALID_MAX_PRICE}}>
{{#ERR_MAX_PRICE}}<span class="field-error">Max price {{MESSAGE}}.</span>{{/ERR_MAX_PRICE}}</div>
<div class="field"><label for="currency">Currency</label>
<input id="currency" name="currency" value="{{CURRENCY}}" maxlength="3" placeholder="USD" autocapitalize="characters"{{#INVALID_CURRENCY}} aria-invalid="true"{{/INVALID_CURRENCY}}>
{{#ERR_CURRENCY}}<span class="field-error">Currency {{MESSAGE}}.</span>{{/ERR_CURRENCY}}</div>
<div class="field"><label for="located_in">Located in</label>
<input id="located_in" name="located_in" value="{{LOCATED_IN}}" maxlength="2" placeholder="anywhere" autocapitalize="characters"{{#INVALID_LOCATED_IN}} aria-invalid="true"{{/INVALID_LOCATED_IN}}>
{{#ERR_LOCATED_IN}}<span class="field-error">Location {{MESSAGE}}.</span>{{/ERR_LOCATED_IN}}</div>
<div class="field"><label for="category">Category id</label>
<input id="category" name="category" value="{{CATEGORY}}" inputmode="numeric" maxlength="12" placeholder="any"{{#INVALID_CATEGORY}} aria-invalid="true"{{/INVALID_CATEGORY}}>
{{#ERR_CATEGORY}}<span class="field-error">Category {{MESSAGE}}.</span>{{/ERR_CATEGORY}}</div>
<div class="field"><label for="marketplace">Marketplace</label>
<select id="marketplace" name="marketplace">{{#MARKETPLACES}}<option value="{{VALUE}}"{{#ON}} selected{{/ON}}>{{LABEL}}</option>{{/MARKETPLACES}}</select>
{{#ERR_MARKETPLACE}}<span class="field-error">Marketplace {{MESSAGE}}.</span>{{/ERR_MARKETPLACE}}</div>
</div>
<fieldset><legend>Condition <span class="muted">(none ticked: any)</span></legend>
{{#CONDITIONS}}<label class="check"><input type="checkbox" name="condition" value="{{VALUE}}"{{#ON}} checked{{/ON}}> {{LABEL}}</label>{{/CONDITIONS}}
{{#ERR_CONDITION}}<span class="field-error">Condition {{MESSAGE}}.</span>{{/ERR_CONDITION}}
</fieldset>
<fieldset><legend>Format</legend>
{{#FORMATS}}<label class="check"><input type="checkbox" name="format" value="{{VALUE}}"{{#ON}} checked{{/ON}}> {{LABEL}}</label>{{/FORMATS}}
<label class="check"><input type="checkbox" name="free_shipping" value="1"{{#FREE_SHIPPING}} checked{{/FREE_SHIPPING}}> Free shipping only</label>
{{#ERR_FORMAT}}<span class="field-error">Format {{MESSAGE}}.</span>{{/ERR_FORMAT}}
</fieldset>
<div class="grid">
<div class="field wide"><label for="exclude">Leave out titles with</label>
<input id="exclude" name="exclude" value="{{EXCLUDE}}" placeholder="broken, parts, read"{{#INVALID_EXCLUDE}} aria-invalid="true"{{/INVALID_EXCLUDE}}>
{{#ERR_EXCLUDE}}<span class="field-error">Excluded words {{MESSAGE}}.</span>{{/ERR_EXCLUDE}}</div>
<div class="field wide"><label for="seller_exclude">Leave out sellers</label>
<input id="seller_exclude" name="seller_exclude" value="{{SELLER_EXCLUDE}}" placeholder="user names"{{#INVALID_SELLER_EXCLUDE}} aria-invalid="true"{{/INVALID_SELLER_EXCLUDE}}>
{{#ERR_SELLER_EXCLUDE}}<span class="field-error">Excluded sellers {{MESSAGE}}.</span>{{/ERR_SELLER_EXCLUDE}}</div>
<div class="field"><label for="sort">Sort by</label>
<select id="sort" name="sort">{{#SORTS}}<option value="{{VALUE}}"{{#ON}} selected{{/ON}}>{{LABEL}}</option>{{/SORTS}}</select>
{{#ERR_SORT}}<span class="field-error">Sort {{MESSAGE}}.</span>{{/ERR_SORT}}</div>
<div class="field"><label for="per_page">Per page</label>
<select id="per_page" name="per_page">{{#PER_PAGES}}<option value="{{VALUE}}"{{#ON}} selected{{/ON}}>{{LABEL}}</option>{{/PER_PAGES}}</select>
{{#ERR_PER_PAGE}}<span class="field-error">Per page {{MESSAGE}}.</span>{{/ERR_PER_PAGE}}{{#ERR_PAGE}}<span class="field-error">Page {{MESSAGE}}.</span>{{/ERR_PAGE}}</div>
</div>
</details>
