# lib/: the eBay client, exact money, JSON readers and HTTP.
lib_libebay_la_SOURCES += \
	lib/ebay.c lib/ebay.h lib/ebay-int.h \
	lib/ebay-client.c lib/ebay-multi.c lib/ebay-parse.c \
	lib/ebay-quota.c lib/ebay-sig.c lib/ebay-sig.h lib/ebay-token.c \
	lib/ebay-url.c \
	lib/fetch.c lib/fetch.h \
	lib/jsonv.c lib/jsonv.h \
	lib/money.c lib/money.h
