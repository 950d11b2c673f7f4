/*
 * Exact money: integer hundredths and an ISO 4217 currency, never a double.
 *
 * eBay sends amounts as decimal strings ("1234567.89"); money_parse reads
 * them exactly and refuses what it cannot represent exactly: more than two
 * decimals (unless the extra ones are zeros: "1.500" is 1.50), a sign,
 * exponents, spaces, junk, or more than MONEY_MAX_INT_DIGITS digits before
 * the point (the schema's numeric(14,2) holds 12).  An unknown amount
 * (absent, unreadable, or the sum with an unknown term) has known == false;
 * treat it as unknown, never as zero.
 *
 * struct money is a plain value: no pointers, copy it freely.
 */
#ifndef MONEY_H
#define MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MONEY_MAX_INT_DIGITS	12		/* numeric(14,2) */
#define MONEY_MAX_CENTS		INT64_C(99999999999999)	/* 999999999999.99 */
#define MONEY_STR_MAX		32	/* money_format output, with the NUL */

struct money {
	int64_t	 cents;		/* hundredths, 0..MONEY_MAX_CENTS */
	char	 currency[4];	/* "USD": three letters A-Z and a NUL */
	bool	 known;		/* false: unknown; cents and currency unset */
};

/* An unknown amount (all zero); same as a zeroed struct money. */
void	 money_unknown(struct money *);

/*
 * Parse value (a non-negative decimal string: digits, optionally '.' and
 * digits) with currency (exactly three ASCII capitals).  True with *out
 * known; false with *out unknown when either is NULL or invalid.
 */
bool	 money_parse(struct money *out, const char *value, const char *currency);

/* Parse only the decimal value into hundredths (same rules). */
bool	 money_parse_cents(const char *value, int64_t *cents);

/* True if s is a currency code money_parse accepts ("USD"). */
bool	 money_currency_valid(const char *s);

/*
 * Write the amount as a plain decimal with two places ("1234567.89",
 * "0.00") into out, which has at least MONEY_STR_MAX bytes; this is the
 * form PostgreSQL numeric accepts.  Returns out; "" when unknown.
 */
char	*money_format(const struct money *, char *out, size_t outlen);

/* Like money_format with the currency after a space: "149.99 USD". */
char	*money_format_cur(const struct money *, char *out, size_t outlen);

/*
 * *out = a + b when both are known, in the same currency, and the sum does
 * not pass MONEY_MAX_CENTS; returns true.  Otherwise *out is unknown and
 * the result false.  out may alias a or b.
 */
bool	 money_add(struct money *out, const struct money *a,
	    const struct money *b);

/*
 * Compare a and b: true with *cmp = -1, 0 or 1 (a < b, a == b, a > b)
 * when both are known in the same currency; false (cmp untouched) when
 * they cannot be compared.
 */
bool	 money_cmp(const struct money *a, const struct money *b, int *cmp);

/* True if a and b are both known, same currency, same amount. */
bool	 money_eq(const struct money *a, const struct money *b);

#endif
