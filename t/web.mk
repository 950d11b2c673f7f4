# t/: the web's tests (issue 4): units for valid/money/search, and the
# routes through nginx with a real PostgreSQL and the fake eBay.
T_WEB_UNIT = t/t0020-valid
check_PROGRAMS += $(T_WEB_UNIT)
t_t0020_valid_SOURCES = t/t0020-valid.c
t_t0020_valid_CPPFLAGS = $(T_CPPFLAGS)
t_t0020_valid_LDADD = $(T_LDADD)
nodist_EXTRA_t_t0020_valid_SOURCES = dummy.cxx

T_WEB_SH = t/t0310-web-account.sh t/t0311-web-searches.sh \
	t/t0312-web-search.sh t/t0313-web-screens.sh t/t0314-web-cache.sh
dist_check_SCRIPTS += $(T_WEB_SH)
dist_check_DATA += t/lib-web.sh t/cookie-proxy.py
TESTS += $(T_WEB_UNIT) $(T_WEB_SH)
EXTRA_DIST += bench/bench-web.sh
