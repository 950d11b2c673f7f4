# t/: the worker's tests (ebay-scan against PostgreSQL and the fake eBay).
T_WORKER_SH = t/t0400-scan-lifecycle.sh t/t0401-scan-budget.sh \
	t/t0402-scan-kill.sh t/t0403-scan-concurrent.sh t/t0404-scan-faults.sh \
	t/t0405-scan-hostile.sh t/t0406-scan-filters.sh t/t0407-scan-queue.sh \
	t/t0408-scan-cascade.sh t/t0409-scan-malloc.sh t/t0410-scan-window.sh
dist_check_SCRIPTS += $(T_WORKER_SH)
dist_check_DATA += t/lib-scan.sh
TESTS += $(T_WORKER_SH)

# The worker's units.
T_WORKER_UNIT = t/t0034-title-key
check_PROGRAMS += $(T_WORKER_UNIT)
t_t0034_title_key_SOURCES = t/t0034-title-key.c
t_t0034_title_key_CPPFLAGS = $(T_CPPFLAGS)
t_t0034_title_key_LDADD = $(T_LDADD)
nodist_EXTRA_t_t0034_title_key_SOURCES = dummy.cxx
TESTS += $(T_WORKER_UNIT)
