/*
 * item_summary/search's request state, shared by search.c (parameters,
 * sort, paging, the reply) and filter.c (the filter parameter).
 */
#ifndef SEARCH_H
#define SEARCH_H

#include "fake.h"
#include "form.h"

#define BUY_FIXED	0x1
#define BUY_AUCTION	0x2
#define BUY_OFFER	0x4
#define BUY_CLASSIFIED	0x8

#define SEARCH_MAX_SELLERS	250
#define SEARCH_MAX_CONDS	16

enum sort_kind {
	SORT_BEST,
	SORT_PRICE,
	SORT_PRICE_DESC,
	SORT_NEWLY,
	SORT_ENDING,
	SORT__MAX
};

struct range {
	bool		 on;
	bool		 has_lo, has_hi;
	long long	 lo, hi;
};

struct filters {
	struct range	 price;		/* hundredths */
	const char	*price_currency;
	bool		 price_currency_set;
	int		 conds[SEARCH_MAX_CONDS];
	size_t		 nconds;
	unsigned	 buying;
	char		 country[3];
	bool		 region;
	struct range	 start, end;	/* UNIX seconds */
	struct range	 bids;
	char		**sellers, **excluded;
	size_t		 nsellers, nexcluded;
	bool		 max_ship_on;
	long long	 max_ship;
	bool		 delivery_country;
};

struct search {
	struct form		 form;
	struct query		 query;
	struct filters		 f;
	enum sort_kind		 sort;
	long			 limit, offset;
	struct json_object	*errors, *warnings;
	int			 error_status;
	char			*price_currency;	/* owned */
};

/* search.c */
void	 search_error(struct search *, int status, int id, const char *message,
	    const char *param, const char *value);
void	 search_warn(struct search *, int id, const char *message,
	    const char *param, const char *value);

/* filter.c */
bool	 filter_int(const char *, long *);
void	 filter_parse(struct search *, const char *);
bool	 filter_match(const struct search *, const struct listing *);
void	 filter_set_free(char **, size_t);

#endif
