# cron/: ebay-scan, the worker's batch program, and its crontab.
bin_PROGRAMS += cron/ebay-scan
cron_ebay_scan_SOURCES = cron/ebay-scan.c cron/ebay-scan.h \
	cron/cmd-migrate.c \
	cron/cmd-quota.c
cron_ebay_scan_CPPFLAGS = $(AM_CPPFLAGS) $(PQ_CFLAGS) $(CURL_CFLAGS) $(JSONC_CFLAGS)
cron_ebay_scan_LDADD = $(LIBEBAY)
nodist_EXTRA_cron_ebay_scan_SOURCES = dummy.cxx
