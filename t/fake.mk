# t/fake.mk: the fake eBay's tests, and the helper other tests source.
T_FAKE_SH = t/t0210-fake-ebay.sh t/t0211-fake-filters.sh t/t0212-fake-paging.sh \
	t/t0213-fake-clock.sh t/t0214-fake-faults.sh t/t0215-fake-hostile.sh \
	t/t0216-fake-bytes.sh
dist_check_SCRIPTS += $(T_FAKE_SH)
dist_check_DATA += t/lib-fake.sh t/fake-bytes.sums
TESTS += $(T_FAKE_SH)
# The fake's JSON writer and formatters, against json-c and libc.
check_PROGRAMS += t/t0040-fake-jw
TESTS += t/t0040-fake-jw
t_t0040_fake_jw_SOURCES = t/t0040-fake-jw.c fake-ebay/catalog.c \
	fake-ebay/clock.c fake-ebay/item.c fake-ebay/jw.c
t_t0040_fake_jw_CPPFLAGS = $(T_CPPFLAGS) -I$(top_srcdir)/fake-ebay \
	$(MHD_CFLAGS)
t_t0040_fake_jw_LDADD = $(T_LDADD) -lpthread
nodist_EXTRA_t_t0040_fake_jw_SOURCES = dummy.cxx
