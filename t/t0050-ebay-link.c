/*
 * ebay-link: real-looking eBay search URLs from several marketplaces, the
 * saved-search parameters each maps to, and the parameters each reports as
 * not mapped; then addresses that are not eBay searches at all.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ebay-link.h"
#include "tap.h"

static const struct {
	const char	*url;
	const char	*query;		/* ebay_link_query() */
	const char	*skipped;	/* "name=value:kind ..." */
} good[] = {
	{ "https://www.ebay.com/sch/i.html?_nkw=thinkpad+x220&_sacat=0"
	  "&_from=R40&_trksid=p2334524.m570.l1313",
	  "marketplace=EBAY_US&q=thinkpad%20x220",
	  "_from=R40:ignored _trksid=p2334524.m570.l1313:ignored" },
	{ "https://www.ebay.de/sch/i.html?_nkw=nintendo+switch+oled"
	  "&_udlo=150&_udhi=280&LH_ItemCondition=1000%7C1500&LH_BIN=1"
	  "&LH_PrefLoc=1&_sop=15&rt=nc",
	  "marketplace=EBAY_DE&q=nintendo%20switch%20oled&min_price=150"
	  "&max_price=280&currency=EUR&condition=new&condition=open_box"
	  "&format=buy_it_now&located_in=DE&sort=price",
	  "rt=nc:ignored" },
	{ "https://www.ebay.co.uk/sch/Cameras-Photography/625/i.html?"
	  "_nkw=leica+m6&LH_Auction=1&LH_BIN=1&_sop=1&LH_ItemCondition=3000",
	  "marketplace=EBAY_GB&q=leica%20m6&category=625&condition=used"
	  "&format=buy_it_now&format=auction&sort=ending_soonest",
	  "" },
	{ "https://www.ebay.fr/sch/i.html?_nkw=velo+-enfant+-(casque,gants)"
	  "&_sacat=177831&LH_ItemCondition=2000|2500|7000&_sop=10",
	  "marketplace=EBAY_FR&q=velo&category=177831&condition=refurbished"
	  "&condition=parts&exclude=enfant&exclude=casque&exclude=gants"
	  "&sort=newly_listed",
	  "" },
	{ "https://www.ebay.it/sch/i.html?_nkw=lego+technic&_udhi=99%2C50"
	  "&LH_BO=1&LH_FS=1&_sop=16&_ipg=240&_pgn=2",
	  "marketplace=EBAY_IT&q=lego%20technic&max_price=99.50"
	  "&currency=EUR&format=best_offer&free_shipping=1&sort=-price",
	  "_ipg=240:ignored _pgn=2:ignored" },
	{ "http://ebay.es/sch/i.html?_nkw=kindle&LH_Sold=1&LH_Complete=1",
	  "marketplace=EBAY_ES&q=kindle",
	  "LH_Sold=1:unmapped LH_Complete=1:unmapped" },
	{ "https://www.ebay.com.au/sch/i.html?_nkw=rtx+3080&_salic=15"
	  "&LH_LocatedIn=1&_fss=1&_saslop=2&_sasl=scalper1,scalper2"
	  "&_sop=12",
	  "marketplace=EBAY_AU&q=rtx%203080&seller_exclude=scalper1"
	  "&seller_exclude=scalper2&located_in=AU&sort=best",
	  "" },
	{ "https://www.ebay.ca/sch/i.html?_nkw=snowblower&_ssn=bobs_tools"
	  "&_sadis=50&_stpos=M5V2T6&_fspt=1",
	  "marketplace=EBAY_CA&q=snowblower",
	  "_ssn=bobs_tools:unmapped _sadis=50:unmapped _stpos=M5V2T6:ignored"
	  " _fspt=1:unmapped" },
	{ "https://www.ebay.com/sch/i.html?_nkw=pentax&_fss=1&_saslop=1"
	  "&_sasl=camerashop&LH_SpecificSeller=1",
	  "marketplace=EBAY_US&q=pentax",
	  "_sasl=camerashop:unmapped" },
	{ "https://www.ebay.de/sch/9355/i.html?_nkw=pixel+8&_sop=7"
	  "&LH_PrefLoc=3&LH_ItemCondition=10&_udlo=abc&_xyz=1",
	  "marketplace=EBAY_DE&q=pixel%208&category=9355",
	  "_sop=7:unmapped LH_PrefLoc=3:unmapped LH_ItemCondition=10:unmapped"
	  " _udlo=abc:unmapped _xyz=1:unmapped" },
	{ "https://m.ebay.co.uk/sch/i.html?_sacat=11116&LH_ItemCondition=3000"
	  "&_udlo=5&_udhi=20.5#item1234",
	  "marketplace=EBAY_GB&category=11116&min_price=5&max_price=20.5"
	  "&currency=GBP&condition=used",
	  "" },
	{ "https://www.ebay.com/sch/i.html?_nkw=a&_nkw=b&_sop=15&_sop=16",
	  "marketplace=EBAY_US&q=a&sort=price",
	  "_nkw=b:unmapped _sop=16:unmapped" },
	{ "https://befr.ebay.be/sch/i.html?_nkw=caf%C3%A9&_ex_kw=grain+moulu",
	  "marketplace=EBAY_BE&q=caf%C3%A9&exclude=grain&exclude=moulu",
	  "" },
	{ "https://www.ebay.de/sch/i.html?_nkw=caf%E9&_salic=77&LH_PrefLoc=1",
	  "marketplace=EBAY_DE&located_in=DE",
	  "_nkw=caf\xe9:unmapped" },
	{ "https://www.ebay.com/sch/i.html?_nkw=x&_salic=3&LH_PrefLoc=1",
	  "marketplace=EBAY_US&q=x&located_in=GB",
	  "LH_PrefLoc=1:unmapped" },
	{ "  https://www.ebay.com/sch/i.html?_nkw=%zz&LH_BIN=yes  ",
	  "marketplace=EBAY_US",
	  "_nkw=%zz:unmapped LH_BIN=yes:unmapped" },
	{ "www.ebay.com.sg/sch/i.html?_nkw=switch&LH_ItemCondition=1000"
	  "&LH_ItemCondition=4000",
	  "marketplace=EBAY_SG&q=switch&condition=new&condition=used",
	  "" },
};

static const char *const bad[] = {
	"",
	"   ",
	"https://www.example.com/sch/i.html?_nkw=x",
	"https://www.ebay.com.evil.example/sch/i.html?_nkw=x",
	"https://evil.example/?u=www.ebay.com/sch/i.html",
	"https://www.ebay.com/itm/1234567890",
	"https://www.ebay.com/b/Laptops/175672/bn_1",
	"https://www.ebay.com/sch/a/b/c/i.html?_nkw=x",
	"https://user@www.ebay.com/sch/i.html?_nkw=x",
	"https://www.ebay.com:8443/sch/i.html?_nkw=x",
	"ftp://www.ebay.com/sch/i.html?_nkw=x",
	"javascript://www.ebay.com/sch/i.html",
	"https://www.ebay.com/sch/i.html?_nkw=a b",
	"https://www.ebay.jp/sch/i.html?_nkw=x",
};

static void
skipped_str(const struct ebay_link *u, struct buf *b)
{
	size_t	 i;

	for (i = 0; i < u->nskipped; i++)
		buf_addf(b, "%s%s=%s:%s", i > 0 ? " " : "", u->skipped[i].name,
		    u->skipped[i].value,
		    ebay_link_skip_kind_name(u->skipped[i].kind));
}

int
main(void)
{
	struct ebay_link	 u;
	struct buf	 q, s;
	char		*cause, *big;
	size_t		 i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		if (!ok(ebay_link_parse(good[i].url, &u, &cause),
		    "good %zu parses", i)) {
			tap_diag("%s: %s", good[i].url, cause);
			free(cause);
			continue;
		}
		buf_init(&q, 0);
		buf_init(&s, 0);
		ebay_link_query(&u, &q);
		skipped_str(&u, &s);
		is_str(buf_cstr(&q), good[i].query, "good %zu: parameters", i);
		is_str(buf_cstr(&s), good[i].skipped, "good %zu: not mapped", i);
		for (size_t k = 0; k < u.nskipped; k++)
			ok(u.skipped[k].reason != NULL &&
			    *u.skipped[k].reason != '\0',
			    "good %zu: %s has a reason", i, u.skipped[k].name);
		buf_free(&q);
		buf_free(&s);
		ebay_link_free(&u);
	}

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cause = NULL;
		ok(!ebay_link_parse(bad[i], &u, &cause) && cause != NULL &&
		    u.nparams == 0, "bad %zu refused: %s", i,
		    cause != NULL ? cause : "(accepted)");
		free(cause);
		if (u.nparams > 0)
			ebay_link_free(&u);
	}

	big = malloc(EBAY_LINK_MAX + 100);
	strcpy(big, "https://www.ebay.com/sch/i.html?_nkw=");
	memset(big + strlen(big), 'a', EBAY_LINK_MAX);
	big[EBAY_LINK_MAX + 50] = '\0';
	ok(!ebay_link_parse(big, &u, &cause), "an oversized address is refused");
	free(cause);
	free(big);

	ok(ebay_link_parse("https://www.ebay.com/sch/i.html?_nkw=x", &u,
	    &cause), "accessors: parse");
	is_str(ebay_link_get(&u, "q"), "x", "ebay_link_get");
	ok(ebay_link_get(&u, "sort") == NULL, "absent key is NULL");
	is_int((long long)ebay_link_count(&u, "marketplace"), 1, "count");
	is_str(u.currency, "USD", "the site's currency");
	ebay_link_free(&u);
	is_str(ebay_link_host_marketplace("WWW.EBAY.CO.UK", 14), "EBAY_GB",
	    "hosts compare without case");
	return tap_done();
}
