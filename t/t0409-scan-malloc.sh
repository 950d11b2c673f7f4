#!/bin/bash
# ebay-scan runs on mimalloc when configure found it (the default): every
# library's malloc binds to it, glibc's included, so json-c's trees, libpq's
# and libcurl's buffers all come from one allocator.
. "$top_srcdir/t/lib.sh"
[ "${WITH_MIMALLOC:-no}" = yes ] || skip_all "configured --without-mimalloc (or with a sanitizer)"
bin=$top_builddir/cron/ebay-scan
like "$(readelf -d "$bin" 2>&1)" 'NEEDED.*\[libmimalloc\.so' "ebay-scan needs libmimalloc"
b=$(LD_DEBUG=bindings "$bin" --help 2>&1 | grep "normal symbol \`malloc'")
ok "$([ -n "$b" ]; echo $?)" "the loader reports malloc bindings"
is "$(printf '%s\n' "$b" | grep -vc 'to [^ ]*libmimalloc')" 0 "every malloc binds to mimalloc"
like "$(printf '%s\n' "$b")" 'libjson-c[^ ]* \[0\] to [^ ]*libmimalloc' "json-c's among them"
done_testing
