# cron/: ebay-scan, the worker's batch program, and its crontab.
bin_PROGRAMS += cron/ebay-scan
cron_ebay_scan_SOURCES = cron/ebay-scan.c cron/ebay-scan.h \
	cron/cmd-migrate.c \
	cron/cmd-quota.c \
	cron/cmd-deliver.c
cron_ebay_scan_CPPFLAGS = $(AM_CPPFLAGS) $(PQ_CFLAGS) $(CURL_CFLAGS) $(JSONC_CFLAGS)
# mimalloc first: its malloc takes the place of glibc's in the whole process.
cron_ebay_scan_LDADD = $(MIMALLOC_LIBS) $(LIBEBAY)
nodist_EXTRA_cron_ebay_scan_SOURCES = dummy.cxx

# The worker (issue 5): the scan pass, prune, the listing lifecycle in
# lib/db-item.c, the crontab and the man page.
cron_ebay_scan_SOURCES += cron/cmd-prune.c cron/cmd-scan.c \
	cron/scan.h cron/scan-budget.c cron/scan-claim.c cron/scan-commit.c \
	cron/scan-job.c
lib_libebay_la_SOURCES += lib/db-item.c lib/db-item.h
dist_sql_DATA += sql/0030-worker.sql sql/0031-worker-speed.sql \
	sql/0032-worker-hot.sql sql/0033-title-key.sql sql/0034-claim-order.sql \
	sql/0035-keys-bytewise.sql sql/0036-derived-facts.sql \
	sql/0037-relist-key.sql sql/0038-open-listings.sql
dist_pkgdata_DATA += cron/crontab
dist_man_MANS += cron/ebay-scan.1
cron_ebay_scan_LDADD += -lpthread
EXTRA_DIST += bench/bench-scan.sh
