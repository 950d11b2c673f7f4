{{%AUTOESCAPE context="HTML"}}<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{STATUS}} {{REASON}} · ebay-scanner</title>
<link rel="stylesheet" href="/static/style.css">
</head>
<body>
<main class="error">
<h1>{{STATUS}} {{REASON}}</h1>
<p>{{MESSAGE}}</p>
{{#HAS_FIELD}}<p>Field: <code>{{FIELD}}</code></p>{{/HAS_FIELD}}
<p><a href="/">Back to the start page</a></p>
<p class="muted">Request {{REQUEST_ID}}</p>
</main>
</body>
</html>
