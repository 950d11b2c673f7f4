{{%AUTOESCAPE context="JSON"}}
{"text":"{{MESSAGE:x-json}}","unfurl_links":false{{#CHANNEL_SET}},"channel":"{{CHANNEL:x-json}}"{{/CHANNEL_SET}}}
