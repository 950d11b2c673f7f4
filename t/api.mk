# t/: tests of the API, import/export and the eBay account-deletion endpoint.
T_API_UNIT = t/t0050-ebay-link
check_PROGRAMS += $(T_API_UNIT)
t_t0050_ebay_link_SOURCES = t/t0050-ebay-link.c
t_t0050_ebay_link_CPPFLAGS = $(T_CPPFLAGS)
t_t0050_ebay_link_LDADD = $(T_LDADD)
nodist_EXTRA_t_t0050_ebay_link_SOURCES = dummy.cxx

T_API_SH = t/t0350-deletion.sh t/t0351-transfer.sh t/t0352-api.sh
dist_check_SCRIPTS += $(T_API_SH)
TESTS += $(T_API_UNIT) $(T_API_SH)

# libFuzzer targets (--enable-fuzzing, CC=clang CXX=clang++).
if FUZZING
noinst_PROGRAMS += t/fuzz/fuzz-ebay-url
t_fuzz_fuzz_ebay_url_SOURCES = t/fuzz/fuzz-ebay-url.c
t_fuzz_fuzz_ebay_url_CPPFLAGS = $(T_CPPFLAGS)
t_fuzz_fuzz_ebay_url_LDFLAGS = -fsanitize=fuzzer
t_fuzz_fuzz_ebay_url_LDADD = $(LIBEBAY)
nodist_EXTRA_t_fuzz_fuzz_ebay_url_SOURCES = dummy.cxx
endif
EXTRA_DIST += t/fuzz/fuzz-ebay-url.c
