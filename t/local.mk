# t/: the core tests.  Other areas add theirs in their own fragments.
check_LTLIBRARIES = t/libtap.la
t_libtap_la_SOURCES = t/tap.c t/tap.h
T_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/t $(PQ_CFLAGS) $(JSONC_CFLAGS)
T_LDADD = t/libtap.la $(LIBEBAY)

T_UNIT = t/t0010-buf t/t0011-log t/t0012-cfg t/t0013-tmpl t/t0014-form \
	t/t0015-multipart t/t0016-sha256 t/t0017-hmac
check_PROGRAMS += $(T_UNIT)
t_t0010_buf_SOURCES = t/t0010-buf.c
t_t0011_log_SOURCES = t/t0011-log.c
t_t0012_cfg_SOURCES = t/t0012-cfg.c
t_t0013_tmpl_SOURCES = t/t0013-tmpl.c
t_t0014_form_SOURCES = t/t0014-form.c
t_t0015_multipart_SOURCES = t/t0015-multipart.c
t_t0016_sha256_SOURCES = t/t0016-sha256.c
t_t0017_hmac_SOURCES = t/t0017-hmac.c
t_t0010_buf_CPPFLAGS = $(T_CPPFLAGS)
t_t0011_log_CPPFLAGS = $(T_CPPFLAGS)
t_t0012_cfg_CPPFLAGS = $(T_CPPFLAGS)
t_t0013_tmpl_CPPFLAGS = $(T_CPPFLAGS)
t_t0014_form_CPPFLAGS = $(T_CPPFLAGS)
t_t0015_multipart_CPPFLAGS = $(T_CPPFLAGS)
t_t0016_sha256_CPPFLAGS = $(T_CPPFLAGS) $(CRYPTO_CFLAGS)
t_t0017_hmac_CPPFLAGS = $(T_CPPFLAGS) $(CRYPTO_CFLAGS)
t_t0010_buf_LDADD = $(T_LDADD)
t_t0011_log_LDADD = $(T_LDADD)
t_t0012_cfg_LDADD = $(T_LDADD)
t_t0013_tmpl_LDADD = $(T_LDADD)
t_t0014_form_LDADD = $(T_LDADD)
t_t0015_multipart_LDADD = $(T_LDADD)
t_t0016_sha256_LDADD = $(T_LDADD)
t_t0017_hmac_LDADD = $(T_LDADD)
nodist_EXTRA_t_t0010_buf_SOURCES = dummy.cxx
nodist_EXTRA_t_t0011_log_SOURCES = dummy.cxx
nodist_EXTRA_t_t0012_cfg_SOURCES = dummy.cxx
nodist_EXTRA_t_t0013_tmpl_SOURCES = dummy.cxx
nodist_EXTRA_t_t0014_form_SOURCES = dummy.cxx
nodist_EXTRA_t_t0015_multipart_SOURCES = dummy.cxx
nodist_EXTRA_t_t0016_sha256_SOURCES = dummy.cxx
nodist_EXTRA_t_t0017_hmac_SOURCES = dummy.cxx

# lib/db.c against PostgreSQL, through a driver.
check_PROGRAMS += t/t0101-db-helper
t_t0101_db_helper_SOURCES = t/t0101-db-helper.c
t_t0101_db_helper_CPPFLAGS = $(T_CPPFLAGS)
t_t0101_db_helper_LDADD = $(T_LDADD)
nodist_EXTRA_t_t0101_db_helper_SOURCES = dummy.cxx

T_CORE_SH = t/t0100-migrate.sh t/t0101-db.sh t/t0300-healthz.sh \
	t/t0301-sigterm.sh
dist_check_SCRIPTS += $(T_CORE_SH)
dist_check_DATA += t/lib.sh
TESTS += $(T_UNIT) $(T_CORE_SH)

# The PostgreSQL template cluster and the tests' artifacts (screenshots).
clean-local: clean-test-state
clean-test-state:
	-rm -rf t/.pgtemplate t/.pgtemplate.tmp t/.pgtemplate.lock t/out
.PHONY: clean-test-state

# libFuzzer target for multipart bodies (--enable-fuzzing, CC=clang CXX=clang++).
if FUZZING
noinst_PROGRAMS += t/fuzz/fuzz-multipart
t_fuzz_fuzz_multipart_SOURCES = t/fuzz/fuzz-multipart.c
t_fuzz_fuzz_multipart_CPPFLAGS = $(T_CPPFLAGS)
t_fuzz_fuzz_multipart_LDFLAGS = -fsanitize=fuzzer
t_fuzz_fuzz_multipart_LDADD = $(LIBEBAY)
nodist_EXTRA_t_fuzz_fuzz_multipart_SOURCES = dummy.cxx
endif
EXTRA_DIST += t/fuzz/fuzz-multipart.c
