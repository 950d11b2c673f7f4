{{%AUTOESCAPE context="JSON"}}
{"source":"ebay-scanner","test":{{TEST_BOOL:x-json}},"subject":"{{SUBJECT:x-json}}","count":{{COUNT:x-json}},"text":"{{MESSAGE:x-json}}","alerts":[
{{#ITEM}}{"kind":"{{KIND:x-json}}","title":"{{TITLE:x-json}}","item_id":"{{ITEM_ID:x-json}}","url":"{{URL:x-json}}","image_url":"{{IMAGE_URL:x-json}}","total":"{{TOTAL:x-json}}","old_total":"{{OLD_TOTAL:x-json}}","currency":"{{CURRENCY:x-json}}","bids":"{{BIDS:x-json}}","ends_at":"{{ENDS_AT:x-json}}","searches":"{{SEARCHES:x-json}}"}{{#ITEM_separator}},{{/ITEM_separator}}
{{/ITEM}}
]}
