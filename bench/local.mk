# bench/: measurements, built on demand by `make bench` (not installed).
EXTRA_PROGRAMS += bench/bench-parse
bench_bench_parse_SOURCES = bench/bench-parse.c
bench_bench_parse_CPPFLAGS = $(AM_CPPFLAGS) $(JSONC_CFLAGS)
bench_bench_parse_LDADD = $(LIBEBAY)
nodist_EXTRA_bench_bench_parse_SOURCES = dummy.cxx
CLEANFILES += bench/bench-parse$(EXEEXT)

bench: bench/bench-parse$(EXEEXT)
	top_srcdir='$(abs_top_srcdir)' bench/bench-parse$(EXEEXT)
.PHONY: bench
