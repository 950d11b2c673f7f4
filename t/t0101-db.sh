#!/bin/bash
# lib/db.c against a real PostgreSQL: a batch of statements in one round
# trip (pipeline mode), its failure midway, and COPY with hostile text.
. "$top_srcdir/t/lib.sh"
pg_start
"$top_builddir/t/t0101-db-helper"
