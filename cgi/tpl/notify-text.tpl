{{%AUTOESCAPE context="NONE"}}
{{#TEST}}
Test message from ebay-scanner: this channel works.
{{/TEST}}
{{#DIGEST}}
{{COUNT}} alerts from ebay-scanner
{{/DIGEST}}
{{#ITEM}}
{{#ITEM_separator}}
----
{{/ITEM_separator}}
{{KIND_LABEL}}: {{TITLE}}
{{#HAS_TOTAL}}
Total: {{TOTAL}} {{CURRENCY}}{{#HAS_OLD_TOTAL}} (was {{OLD_TOTAL}}){{/HAS_OLD_TOTAL}}
{{/HAS_TOTAL}}
{{#HAS_BIDS}}
Bids: {{BIDS}}
{{/HAS_BIDS}}
{{#HAS_ENDS_AT}}
Ends: {{ENDS_AT}}
{{/HAS_ENDS_AT}}
{{#HAS_SEARCHES}}
Searches: {{SEARCHES}}
{{/HAS_SEARCHES}}
{{#HAS_URL}}
{{URL}}
{{/HAS_URL}}
{{/ITEM}}
