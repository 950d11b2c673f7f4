{{%AUTOESCAPE context="XML"}}<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>{{FEED_ID}}</id>
<title type="text">{{TITLE}}</title>
<updated>{{UPDATED}}</updated>
<link rel="self" type="application/atom+xml" href="{{SELF}}"/>
<link rel="alternate" type="text/html" href="{{ALT}}"/>
<author><name>ebay-scanner</name></author>
<generator>ebay-scanner</generator>
{{#ENTRY}}<entry>
<id>{{ID}}</id>
<title type="text">{{TITLE}}</title>
{{#LINK}}<link rel="alternate" type="text/html" href="{{HREF}}"/>
{{/LINK}}<published>{{PUBLISHED}}</published>
<updated>{{UPDATED}}</updated>
<summary type="text">{{SUMMARY}}</summary>
</entry>
{{/ENTRY}}
</feed>
