# lib/: the library every program links.
noinst_LTLIBRARIES += lib/libebay.la
lib_libebay_la_CPPFLAGS = $(AM_CPPFLAGS) $(PQ_CFLAGS) $(CURL_CFLAGS) \
	$(JSONC_CFLAGS) $(CTEMPLATE_CFLAGS) $(CRYPTO_CFLAGS) $(NETTLE_CFLAGS) $(XCRYPT_CFLAGS)
lib_libebay_la_SOURCES = \
	lib/buf.c lib/buf.h \
	lib/cfg.c lib/cfg.h \
	lib/db.c lib/db.h \
	lib/form.c lib/form.h \
	lib/log.c lib/log.h \
	lib/migrate.c lib/migrate.h \
	lib/monotime.c lib/monotime.h \
	lib/multipart.c lib/multipart.h \
	lib/secret.c lib/secret.h \
	lib/tmpl.cc lib/tmpl.h \
	lib/xmalloc.c lib/xmalloc.h
# lib/: web pieces shared with the API, import/export and the worker.
lib_libebay_la_SOURCES += \
	lib/db-search.c \
	lib/search.c lib/search.h \
	lib/valid.c lib/valid.h
