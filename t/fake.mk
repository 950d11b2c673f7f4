# t/fake.mk: the fake eBay's tests, and the helper other tests source.
T_FAKE_SH = t/t0210-fake-ebay.sh
dist_check_SCRIPTS += $(T_FAKE_SH)
dist_check_DATA += t/lib-fake.sh
TESTS += $(T_FAKE_SH)
