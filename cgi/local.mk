# cgi/: the FastCGI programs, one per route family, and their templates.
# Each links the shared request loop (CGI_CORE) with its one route file.
CGI_CORE = cgi/main.c cgi/resp.c cgi/auth.c cgi/cgi.h cgi/page.c cgi/page.h
CGI_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/cgi $(FCGI_CFLAGS) \
	$(PQ_CFLAGS) $(JSONC_CFLAGS)
CGI_LDADD = $(LIBEBAY) $(FCGI_LIBS)

pkglibexec_PROGRAMS += cgi/health
cgi_health_SOURCES = $(CGI_CORE) cgi/health.c
cgi_health_CPPFLAGS = $(CGI_CPPFLAGS)
cgi_health_LDADD = $(CGI_LDADD)
nodist_EXTRA_cgi_health_SOURCES = dummy.cxx

dist_templates_DATA += cgi/tpl/error.tpl cgi/tpl/layout.tpl
