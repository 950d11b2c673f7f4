{{%AUTOESCAPE context="JSON"}}
{"username":"ebay-scanner","content":"{{MESSAGE:x-json}}","allowed_mentions":{"parse":[]}}
