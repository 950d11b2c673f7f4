# lib/: the eBay client, exact money and its helpers.
lib_libebay_la_SOURCES += \
	lib/ebay.c lib/ebay.h \
	lib/ebay-client.c \
	lib/money.c lib/money.h
