# t/: tests of the eBay client, money and the JSON readers.
T_EBAY_UNIT = t/t0020-money t/t0021-jsonv t/t0030-ebay-parse \
	t/t0031-ebay-query t/t0032-ebay-sig
check_PROGRAMS += $(T_EBAY_UNIT)
t_t0020_money_SOURCES = t/t0020-money.c
t_t0021_jsonv_SOURCES = t/t0021-jsonv.c
t_t0030_ebay_parse_SOURCES = t/t0030-ebay-parse.c
t_t0031_ebay_query_SOURCES = t/t0031-ebay-query.c
t_t0032_ebay_sig_SOURCES = t/t0032-ebay-sig.c
t_t0020_money_CPPFLAGS = $(T_CPPFLAGS)
t_t0021_jsonv_CPPFLAGS = $(T_CPPFLAGS)
t_t0030_ebay_parse_CPPFLAGS = $(T_CPPFLAGS) $(CURL_CFLAGS)
t_t0031_ebay_query_CPPFLAGS = $(T_CPPFLAGS) $(CURL_CFLAGS)
t_t0032_ebay_sig_CPPFLAGS = $(T_CPPFLAGS) $(CURL_CFLAGS) $(CRYPTO_CFLAGS)
t_t0020_money_LDADD = $(T_LDADD)
t_t0021_jsonv_LDADD = $(T_LDADD)
t_t0030_ebay_parse_LDADD = $(T_LDADD)
t_t0031_ebay_query_LDADD = $(T_LDADD)
t_t0032_ebay_sig_LDADD = $(T_LDADD) $(CRYPTO_LIBS)
nodist_EXTRA_t_t0020_money_SOURCES = dummy.cxx
nodist_EXTRA_t_t0021_jsonv_SOURCES = dummy.cxx
nodist_EXTRA_t_t0030_ebay_parse_SOURCES = dummy.cxx
nodist_EXTRA_t_t0031_ebay_query_SOURCES = dummy.cxx
nodist_EXTRA_t_t0032_ebay_sig_SOURCES = dummy.cxx
TESTS += $(T_EBAY_UNIT)

# The client against the fake eBay over loopback, through a driver.
check_PROGRAMS += t/t0209-ebay-helper
t_t0209_ebay_helper_SOURCES = t/t0209-ebay-helper.c
t_t0209_ebay_helper_CPPFLAGS = $(T_CPPFLAGS)
t_t0209_ebay_helper_LDADD = $(T_LDADD)
nodist_EXTRA_t_t0209_ebay_helper_SOURCES = dummy.cxx
T_EBAY_SH = t/t0200-ebay-client.sh t/t0201-ebay-quota.sh t/t0202-fetch.sh \
	t/t0251-ebay-sig.sh
dist_check_SCRIPTS += $(T_EBAY_SH)
TESTS += $(T_EBAY_SH)

T_EBAY_FILES = \
	t/data/ebay/deep.json \
	t/data/ebay/empty-array.json \
	t/data/ebay/error-400-filter.json \
	t/data/ebay/error-401.json \
	t/data/ebay/error-429.json \
	t/data/ebay/hostile-page.json \
	t/data/ebay/html-502.html \
	t/data/ebay/invalid-utf8.json \
	t/data/ebay/lax-utf8.json \
	t/data/ebay/not-object.json \
	t/data/ebay/null-summaries.json \
	t/data/ebay/search-empty.json \
	t/data/ebay/search-page1.json \
	t/data/ebay/search-page2.json \
	t/data/ebay/summaries-not-array.json \
	t/data/ebay/token-error-invalid-client.json \
	t/data/ebay/token.json \
	t/data/ebay/trailing-garbage.json \
	t/data/ebay/truncated.json
dist_check_DATA += $(T_EBAY_FILES)

# libFuzzer target for the response parser (--enable-fuzzing, clang).
# Seed corpus: t/data/ebay.  `make fuzz-ebay-parse` runs it for 60 s.
EXTRA_DIST += t/fuzz/fuzz-ebay-parse.c
if FUZZING
noinst_PROGRAMS += t/fuzz/fuzz-ebay-parse
t_fuzz_fuzz_ebay_parse_SOURCES = t/fuzz/fuzz-ebay-parse.c
t_fuzz_fuzz_ebay_parse_CPPFLAGS = $(AM_CPPFLAGS) $(JSONC_CFLAGS)
t_fuzz_fuzz_ebay_parse_LDFLAGS = -fsanitize=fuzzer
t_fuzz_fuzz_ebay_parse_LDADD = $(LIBEBAY)
nodist_EXTRA_t_fuzz_fuzz_ebay_parse_SOURCES = dummy.cxx

fuzz-ebay-parse: t/fuzz/fuzz-ebay-parse$(EXEEXT)
	mkdir -p t/fuzz/corpus-ebay-parse
	t/fuzz/fuzz-ebay-parse$(EXEEXT) -max_total_time=$${FUZZ_SECONDS:-60} \
	    -max_len=65536 t/fuzz/corpus-ebay-parse $(abs_top_srcdir)/t/data/ebay
endif
.PHONY: fuzz-ebay-parse
