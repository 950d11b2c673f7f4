# t/fake.mk: the fake eBay's tests, and the helper other tests source.
T_FAKE_SH = t/t0210-fake-ebay.sh t/t0211-fake-filters.sh t/t0212-fake-paging.sh \
	t/t0213-fake-clock.sh t/t0214-fake-faults.sh t/t0215-fake-hostile.sh
dist_check_SCRIPTS += $(T_FAKE_SH)
dist_check_DATA += t/lib-fake.sh
TESTS += $(T_FAKE_SH)
