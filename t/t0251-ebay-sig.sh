#!/bin/bash
# lib/ebay-sig.c with its key cache: t0032 again, against a migrated
# PostgreSQL, so that its keys can be cached and its signatures checked
# (good, wrong body, wrong key, PEM with and without line breaks, cut).
. "$top_srcdir/t/lib.sh"
pg_start
migrate || bail "migrate failed"
"$top_builddir/t/t0032-ebay-sig"
