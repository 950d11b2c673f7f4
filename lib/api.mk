# lib/: the API, import/export and eBay-rules part of the library.
lib_libebay_la_SOURCES += \
	lib/ebay-link.c lib/ebay-link.h
lib_libebay_la_SOURCES += \
	lib/ebay-deletion.c lib/ebay-deletion.h \
	lib/jparse.c lib/jparse.h
lib_libebay_la_SOURCES += \
	lib/transfer.c lib/transfer.h
dist_sql_DATA += sql/0050-ebay-notification-keys.sql
