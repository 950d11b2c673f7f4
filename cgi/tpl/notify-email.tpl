{{%AUTOESCAPE context="HTML"}}
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{SUBJECT}}</title></head>
<body style="font-family: sans-serif">
{{#TEST}}<p>Test message from ebay-scanner: this channel works.</p>{{/TEST}}
{{#DIGEST}}<p>{{COUNT}} alerts from ebay-scanner</p>{{/DIGEST}}
{{#ITEM}}
<div style="margin: 1em 0; padding-bottom: 1em; border-bottom: 1px solid #ccc">
<p><strong>{{KIND_LABEL}}</strong></p>
{{#HAS_IMAGE_URL}}<p><img src="{{IMAGE_URL}}" alt="" width="140"></p>{{/HAS_IMAGE_URL}}
<p>{{#HAS_URL}}<a href="{{URL}}">{{/HAS_URL}}{{TITLE}}{{#HAS_URL}}</a>{{/HAS_URL}}</p>
{{#HAS_TOTAL}}<p>Total: {{TOTAL}} {{CURRENCY}}{{#HAS_OLD_TOTAL}} (was {{OLD_TOTAL}}){{/HAS_OLD_TOTAL}}</p>{{/HAS_TOTAL}}
{{#HAS_BIDS}}<p>Bids: {{BIDS}}</p>{{/HAS_BIDS}}
{{#HAS_ENDS_AT}}<p>Ends: {{ENDS_AT}}</p>{{/HAS_ENDS_AT}}
{{#HAS_SEARCHES}}<p>Searches: {{SEARCHES}}</p>{{/HAS_SEARCHES}}
</div>
{{/ITEM}}
</body>
</html>
