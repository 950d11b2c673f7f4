{{%AUTOESCAPE context="HTML"}}<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>{{TITLE}} · ebay-scanner</title>
<link rel="stylesheet" href="/static/style.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<div class="top-in">
<a class="brand" href="/"><span class="logo" aria-hidden="true">◎</span> ebay-scanner</a>
{{#SIGNED_IN}}
<nav aria-label="Main">{{#NAV}}<a href="{{HREF}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}}</a>{{/NAV}}</nav>
<form class="logout" method="post" action="/logout">
<input type="hidden" name="csrf" value="{{CSRF}}">
<span class="user" title="Signed in">{{USERNAME}}</span>
<button type="submit" class="link">Log out</button>
</form>
{{/SIGNED_IN}}
</div>
</header>
{{#DEMO}}<div class="banner demo" role="note"><strong>Demo mode.</strong> No eBay keys are configured: every listing, price and seller on these pages is made-up demo data from the bundled fake eBay, not from eBay.</div>{{/DEMO}}
<main id="main">
{{#MESSAGES}}<div class="msg msg-{{KIND}}" role="status">{{TEXT}}</div>
{{/MESSAGES}}
{{BODY_HTML:none}}
</main>
<footer class="foot">
<p>Listing data from the eBay Browse API. eBay is a trademark of eBay Inc.; this tool is not made, endorsed or sponsored by eBay. Prices, shipping and availability are as of the time each page shows; check the listing on eBay before you buy.</p>
{{#DEMO}}<p><strong>Demo data</strong>: nothing shown here is a real eBay listing.</p>{{/DEMO}}
</footer>
</body>
</html>
