{{%AUTOESCAPE context="JSON"}}
{"topic":"{{TOPIC:x-json}}","title":"{{SUBJECT:x-json}}","message":"{{MESSAGE:x-json}}","tags":["shopping_cart"]{{#ITEM}}{{#SINGLE_URL}},"click":"{{URL:x-json}}"{{/SINGLE_URL}}{{/ITEM}}}
