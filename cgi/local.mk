# cgi/: the FastCGI programs, one per route family, and their templates.
# Each links the shared request loop (CGI_CORE) with its one route file.
CGI_CORE = cgi/main.c cgi/resp.c cgi/auth.c cgi/cache.c cgi/cgi.h cgi/page.c \
	cgi/page.h
CGI_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/cgi $(FCGI_CFLAGS) \
	$(PQ_CFLAGS) $(JSONC_CFLAGS)
CGI_LDADD = $(LIBEBAY) $(FCGI_LIBS)

pkglibexec_PROGRAMS += cgi/health
cgi_health_SOURCES = $(CGI_CORE) cgi/health.c
cgi_health_CPPFLAGS = $(CGI_CPPFLAGS)
cgi_health_LDADD = $(CGI_LDADD)
nodist_EXTRA_cgi_health_SOURCES = dummy.cxx

dist_templates_DATA += cgi/tpl/error.tpl cgi/tpl/layout.tpl

# The web application (issue 4): accounts, live search, saved searches,
# items.  One program per route family.
pkglibexec_PROGRAMS += cgi/account cgi/search cgi/searches cgi/items
cgi_account_SOURCES = $(CGI_CORE) cgi/account.c cgi/web.c cgi/web.h
cgi_account_CPPFLAGS = $(CGI_CPPFLAGS)
cgi_account_LDADD = $(CGI_LDADD)
nodist_EXTRA_cgi_account_SOURCES = dummy.cxx
cgi_search_SOURCES = $(CGI_CORE) cgi/search.c cgi/web.c cgi/web.h
cgi_search_CPPFLAGS = $(CGI_CPPFLAGS)
cgi_search_LDADD = $(CGI_LDADD)
nodist_EXTRA_cgi_search_SOURCES = dummy.cxx
cgi_searches_SOURCES = $(CGI_CORE) cgi/searches.c cgi/web.c cgi/web.h
cgi_searches_CPPFLAGS = $(CGI_CPPFLAGS)
cgi_searches_LDADD = $(CGI_LDADD)
nodist_EXTRA_cgi_searches_SOURCES = dummy.cxx
cgi_items_SOURCES = $(CGI_CORE) cgi/items.c cgi/web.c cgi/web.h
cgi_items_CPPFLAGS = $(CGI_CPPFLAGS)
cgi_items_LDADD = $(CGI_LDADD)
nodist_EXTRA_cgi_items_SOURCES = dummy.cxx
dist_templates_DATA += cgi/tpl/home.tpl cgi/tpl/item.tpl \
	cgi/tpl/login.tpl cgi/tpl/savedform.tpl cgi/tpl/search.tpl \
	cgi/tpl/searches.tpl cgi/tpl/searchform.tpl cgi/tpl/searchnew.tpl \
	cgi/tpl/searchshow.tpl cgi/tpl/setup.tpl

# API, import/export, settings and eBay's account-deletion endpoint.
pkglibexec_PROGRAMS += cgi/deletion
cgi_deletion_SOURCES = $(CGI_CORE) cgi/deletion.c
cgi_deletion_CPPFLAGS = $(CGI_CPPFLAGS)
cgi_deletion_LDADD = $(CGI_LDADD)
nodist_EXTRA_cgi_deletion_SOURCES = dummy.cxx

# Alerts (issue 6): notification channels and the search feeds.
pkglibexec_PROGRAMS += cgi/channels cgi/feeds
cgi_channels_SOURCES = $(CGI_CORE) cgi/channels.c
cgi_channels_CPPFLAGS = $(CGI_CPPFLAGS) $(CURL_CFLAGS)
cgi_channels_LDADD = $(CGI_LDADD)
nodist_EXTRA_cgi_channels_SOURCES = dummy.cxx
cgi_feeds_SOURCES = $(CGI_CORE) cgi/feeds.c
cgi_feeds_CPPFLAGS = $(CGI_CPPFLAGS)
cgi_feeds_LDADD = $(CGI_LDADD)
nodist_EXTRA_cgi_feeds_SOURCES = dummy.cxx
dist_templates_DATA += cgi/tpl/channel.tpl cgi/tpl/channels.tpl \
	cgi/tpl/feed.tpl

pkglibexec_PROGRAMS += cgi/transfer
cgi_transfer_SOURCES = $(CGI_CORE) cgi/transfer.c
cgi_transfer_CPPFLAGS = $(CGI_CPPFLAGS)
cgi_transfer_LDADD = $(CGI_LDADD)
nodist_EXTRA_cgi_transfer_SOURCES = dummy.cxx
dist_templates_DATA += cgi/tpl/import.tpl
pkglibexec_PROGRAMS += cgi/api cgi/settings
cgi_api_SOURCES = $(CGI_CORE) cgi/api.c cgi/web.c cgi/web.h
cgi_api_CPPFLAGS = $(CGI_CPPFLAGS)
cgi_api_LDADD = $(CGI_LDADD)
nodist_EXTRA_cgi_api_SOURCES = dummy.cxx
cgi_settings_SOURCES = $(CGI_CORE) cgi/settings.c
cgi_settings_CPPFLAGS = $(CGI_CPPFLAGS)
cgi_settings_LDADD = $(CGI_LDADD)
nodist_EXTRA_cgi_settings_SOURCES = dummy.cxx
dist_templates_DATA += cgi/tpl/settings.tpl cgi/tpl/openapi.json
