{{%AUTOESCAPE context="HTML"}}<div class="grid">
<div class="field wide"><label for="name">Name</label>
<input id="name" name="name" value="{{NAME}}" maxlength="200" required{{#INVALID_NAME}} aria-invalid="true"{{/INVALID_NAME}}>
{{#ERR_NAME}}<span class="field-error">Name {{MESSAGE}}.</span>{{/ERR_NAME}}</div>
<div class="field"><label for="interval">Scan</label>
<select id="interval" name="interval">{{#INTERVALS}}<option value="{{VALUE}}"{{#ON}} selected{{/ON}}>{{LABEL}} ({{COST}})</option>{{/INTERVALS}}</select>
{{#ERR_INTERVAL}}<span class="field-error">Interval {{MESSAGE}}.</span>{{/ERR_INTERVAL}}</div>
</div>
<p class="cost">Cost: <strong>{{COST_CALLS}}</strong> eBay calls a day at this interval, {{COST_PCT}}% of the daily limit of {{COST_LIMIT}} (scans share {{WORKER_LIMIT}}; the rest is kept for live search). A scan that finds more than one page of new listings spends a call per extra page.{{#STRETCHED}} <br><span class="warn">The day's budget cannot cover every search at its interval: this one runs every <strong>{{EFFECTIVE}}</strong> minutes for now ({{EFFECTIVE_CALLS}} calls a day).</span>{{/STRETCHED}}</p>
<fieldset class="alerts"><legend>Alerts</legend>
<div class="rule">
<label class="check"><input type="hidden" name="alert_new" value="0"><input type="checkbox" name="alert_new" value="1"{{#ALERT_NEW}} checked{{/ALERT_NEW}}> <strong>New listing</strong> found</label>
<label class="inline">only when the total is under <input name="alert_new_max_total" inputmode="decimal" size="8" value="{{ALERT_NEW_MAX_TOTAL}}" placeholder="any"{{#INVALID_ALERT_NEW_MAX_TOTAL}} aria-invalid="true"{{/INVALID_ALERT_NEW_MAX_TOTAL}}></label>
{{#ERR_ALERT_NEW_MAX_TOTAL}}<span class="field-error">That total {{MESSAGE}}.</span>{{/ERR_ALERT_NEW_MAX_TOTAL}}
</div>
<div class="rule">
<label class="check"><input type="hidden" name="alert_price" value="0"><input type="checkbox" name="alert_price" value="1"{{#ALERT_PRICE}} checked{{/ALERT_PRICE}}> <strong>Price</strong> (price + shipping)</label>
<label class="inline">between <input name="alert_price_min" inputmode="decimal" size="8" value="{{ALERT_PRICE_MIN}}" placeholder="0"{{#INVALID_ALERT_PRICE_MIN}} aria-invalid="true"{{/INVALID_ALERT_PRICE_MIN}}></label>
<label class="inline">and <input name="alert_price_max" inputmode="decimal" size="8" value="{{ALERT_PRICE_MAX}}" placeholder="any"{{#INVALID_ALERT_PRICE_MAX}} aria-invalid="true"{{/INVALID_ALERT_PRICE_MAX}}></label>
<label class="inline">when it <select name="alert_price_direction">{{#DIRECTIONS}}<option value="{{VALUE}}"{{#ON}} selected{{/ON}}>{{LABEL}}</option>{{/DIRECTIONS}}</select></label>
<label class="inline">ignoring moves under <input name="alert_price_hysteresis" inputmode="decimal" size="4" value="{{ALERT_PRICE_HYSTERESIS}}">%</label>
{{#ERR_ALERT_PRICE_MIN}}<span class="field-error">The price range {{MESSAGE}}.</span>{{/ERR_ALERT_PRICE_MIN}}{{#ERR_ALERT_PRICE_MAX}}<span class="field-error">The range's maximum {{MESSAGE}}.</span>{{/ERR_ALERT_PRICE_MAX}}{{#ERR_ALERT_PRICE_HYSTERESIS}}<span class="field-error">The margin {{MESSAGE}}.</span>{{/ERR_ALERT_PRICE_HYSTERESIS}}{{#ERR_ALERT_PRICE_DIRECTION}}<span class="field-error">The direction {{MESSAGE}}.</span>{{/ERR_ALERT_PRICE_DIRECTION}}
</div>
<div class="rule">
<label class="check"><input type="hidden" name="alert_ending" value="0"><input type="checkbox" name="alert_ending" value="1"{{#ALERT_ENDING}} checked{{/ALERT_ENDING}}> <strong>Auction ending</strong></label>
<label class="inline">within <input name="alert_ending_window" inputmode="numeric" size="5" value="{{ALERT_ENDING_WINDOW}}"{{#INVALID_ALERT_ENDING_WINDOW}} aria-invalid="true"{{/INVALID_ALERT_ENDING_WINDOW}}> minutes</label>
<label class="inline">with at most <input name="alert_ending_max_bids" inputmode="numeric" size="4" value="{{ALERT_ENDING_MAX_BIDS}}" placeholder="any"> bids</label>
<label class="inline">under <input name="alert_ending_max_total" inputmode="decimal" size="8" value="{{ALERT_ENDING_MAX_TOTAL}}" placeholder="any"></label>
{{#ERR_ALERT_ENDING_WINDOW}}<span class="field-error">The window {{MESSAGE}}.</span>{{/ERR_ALERT_ENDING_WINDOW}}{{#ERR_ALERT_ENDING_MAX_BIDS}}<span class="field-error">The bids {{MESSAGE}}.</span>{{/ERR_ALERT_ENDING_MAX_BIDS}}{{#ERR_ALERT_ENDING_MAX_TOTAL}}<span class="field-error">The total {{MESSAGE}}.</span>{{/ERR_ALERT_ENDING_MAX_TOTAL}}
</div>
<label class="check"><input type="hidden" name="notify_existing" value="0"><input type="checkbox" name="notify_existing" value="1"{{#NOTIFY_EXISTING}} checked{{/NOTIFY_EXISTING}}> Also alert about what is already listed (otherwise the first scan records silently)</label>
<label class="check"><input type="hidden" name="enabled" value="0"><input type="checkbox" name="enabled" value="1"{{#ENABLED}} checked{{/ENABLED}}> Scanning is on</label>
</fieldset>
<fieldset class="channels"><legend>Send alerts to</legend>
{{#CHANNELS}}<label class="check"><input type="checkbox" name="channel" value="{{VALUE}}"{{#ON}} checked{{/ON}}> {{LABEL}} <span class="muted">({{KIND}})</span></label>{{/CHANNELS}}
{{#NO_CHANNELS}}<p class="muted">No channels yet: alerts still show on the search's page. <a href="/channels">Add a channel</a> to get them by webhook, ntfy, Discord, Slack, Telegram or email.</p>{{/NO_CHANNELS}}
{{#ERR_CHANNEL}}<span class="field-error">Channel {{MESSAGE}}.</span>{{/ERR_CHANNEL}}
</fieldset>
