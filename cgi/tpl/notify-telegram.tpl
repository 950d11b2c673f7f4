{{%AUTOESCAPE context="JSON"}}
{"chat_id":"{{CHAT_ID:x-json}}","text":"{{MESSAGE:x-json}}","disable_web_page_preview":true}
