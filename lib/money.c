/*
 * Exact money (see money.h): decimal strings to integer hundredths and back,
 * without ever passing through a floating-point number.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "money.h"

void
money_unknown(struct money *m)
{
	memset(m, 0, sizeof *m);
}

bool
money_currency_valid(const char *s)
{
	int	 i;

	if (s == NULL)
		return false;
	for (i = 0; i < 3; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return false;
	return s[3] == '\0';
}

/*
 * Digits, then optionally '.' and digits; at least one digit before the
 * point; decimals past the second must be zeros.
 */
bool
money_parse_cents(const char *s, int64_t *cents)
{
	int64_t	 whole = 0, frac = 0;
	int	 ndig = 0, nint = 0, nfrac = 0;

	if (s == NULL)
		return false;
	for (; *s >= '0' && *s <= '9'; s++, nint++) {
		if (ndig > 0 || *s != '0')
			ndig++;
		if (ndig > MONEY_MAX_INT_DIGITS)
			return false;
		whole = whole * 10 + (*s - '0');
	}
	if (nint == 0)
		return false;		/* no digit at all before the point */
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return false;	/* "1." */
		for (; *s >= '0' && *s <= '9'; s++, nfrac++) {
			if (nfrac < 2)
				frac = frac * 10 + (*s - '0');
			else if (*s != '0')
				return false;	/* a third non-zero decimal */
		}
		if (nfrac == 1)
			frac *= 10;
	}
	if (*s != '\0')
		return false;
	*cents = whole * 100 + frac;
	return *cents <= MONEY_MAX_CENTS;
}

bool
money_parse(struct money *out, const char *value, const char *currency)
{
	int64_t	 cents;

	money_unknown(out);
	if (!money_currency_valid(currency) ||
	    !money_parse_cents(value, &cents))
		return false;
	out->cents = cents;
	memcpy(out->currency, currency, 4);
	out->known = true;
	return true;
}

char *
money_format(const struct money *m, char *out, size_t outlen)
{
	if (outlen == 0)
		return out;
	if (!m->known || m->cents < 0) {
		out[0] = '\0';
		return out;
	}
	snprintf(out, outlen, "%lld.%02lld", (long long)(m->cents / 100),
	    (long long)(m->cents % 100));
	return out;
}

char *
money_format_cur(const struct money *m, char *out, size_t outlen)
{
	char	 num[MONEY_STR_MAX];

	if (outlen == 0)
		return out;
	if (!m->known) {
		out[0] = '\0';
		return out;
	}
	snprintf(out, outlen, "%s %s", money_format(m, num, sizeof num),
	    m->currency);
	return out;
}

bool
money_add(struct money *out, const struct money *a, const struct money *b)
{
	struct money	 r;

	money_unknown(&r);
	if (a->known && b->known && strcmp(a->currency, b->currency) == 0 &&
	    a->cents >= 0 && b->cents >= 0 &&
	    a->cents <= MONEY_MAX_CENTS - b->cents) {
		r.cents = a->cents + b->cents;
		memcpy(r.currency, a->currency, sizeof r.currency);
		r.known = true;
	}
	*out = r;
	return r.known;
}

bool
money_cmp(const struct money *a, const struct money *b, int *cmp)
{
	if (!a->known || !b->known || strcmp(a->currency, b->currency) != 0)
		return false;
	*cmp = a->cents < b->cents ? -1 : a->cents > b->cents;
	return true;
}

bool
money_eq(const struct money *a, const struct money *b)
{
	int	 c;

	return money_cmp(a, b, &c) && c == 0;
}
