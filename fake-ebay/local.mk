# fake-ebay/: our eBay for the demo and the tests (SPEC section 7).
bin_PROGRAMS += fake-ebay/fake-ebay
fake_ebay_fake_ebay_SOURCES = \
	fake-ebay/catalog.c \
	fake-ebay/clock.c \
	fake-ebay/control.c \
	fake-ebay/fake.h \
	fake-ebay/fault.c \
	fake-ebay/filter.c \
	fake-ebay/item.c \
	fake-ebay/jw.c \
	fake-ebay/jw.h \
	fake-ebay/main.c \
	fake-ebay/notify.c \
	fake-ebay/route.c \
	fake-ebay/search.c \
	fake-ebay/search.h \
	fake-ebay/token.c
fake_ebay_fake_ebay_CPPFLAGS = $(AM_CPPFLAGS) $(MHD_CFLAGS) $(JSONC_CFLAGS) \
	$(CRYPTO_CFLAGS)
fake_ebay_fake_ebay_LDADD = $(LIBEBAY) $(MHD_LIBS) $(CRYPTO_LIBS) -lpthread
nodist_EXTRA_fake_ebay_fake_ebay_SOURCES = dummy.cxx
EXTRA_DIST += fake-ebay/README.md
