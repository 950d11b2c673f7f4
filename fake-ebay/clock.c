/*
 * The fake clock: UNIX seconds that run at real speed from a start value,
 * unless frozen; tests set or advance it through the control API.  Also
 * the eBay day (midnight US Pacific, computed from the US daylight-saving
 * rules so that no time-zone database is needed) and UTC date strings.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ebay.h"
#include "fake.h"

static pthread_mutex_t	 fclock_lock = PTHREAD_MUTEX_INITIALIZER;
static time_t		 fclock_base;	/* fake time at fclock_mono */
static double		 fclock_mono;	/* monotonic seconds at fclock_base */
static bool		 fclock_is_frozen;

static double
fclock_monotonic(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
fclock_init(time_t start, bool frozen)
{
	pthread_mutex_lock(&fclock_lock);
	fclock_base = start;
	fclock_mono = fclock_monotonic();
	fclock_is_frozen = frozen;
	pthread_mutex_unlock(&fclock_lock);
}

static time_t
fclock_now_locked(void)
{
	if (fclock_is_frozen)
		return fclock_base;
	return fclock_base + (time_t)(fclock_monotonic() - fclock_mono);
}

time_t
fclock_now(void)
{
	time_t	 t;

	pthread_mutex_lock(&fclock_lock);
	t = fclock_now_locked();
	pthread_mutex_unlock(&fclock_lock);
	return t;
}

void
fclock_set(time_t t)
{
	pthread_mutex_lock(&fclock_lock);
	fclock_base = t;
	fclock_mono = fclock_monotonic();
	pthread_mutex_unlock(&fclock_lock);
}

void
fclock_advance(long long s)
{
	pthread_mutex_lock(&fclock_lock);
	fclock_base = fclock_now_locked() + (time_t)s;
	fclock_mono = fclock_monotonic();
	pthread_mutex_unlock(&fclock_lock);
}

void
fclock_freeze(bool on)
{
	pthread_mutex_lock(&fclock_lock);
	fclock_base = fclock_now_locked();
	fclock_mono = fclock_monotonic();
	fclock_is_frozen = on;
	pthread_mutex_unlock(&fclock_lock);
}

bool
fclock_frozen(void)
{
	bool	 on;

	pthread_mutex_lock(&fclock_lock);
	on = fclock_is_frozen;
	pthread_mutex_unlock(&fclock_lock);
	return on;
}

/* Days since 1970-01-01 of a civil date (Hinnant's algorithm). */
static long long
fclock_days(long long y, int m, int d)
{
	long long	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The day (since the epoch) of the nth Sunday of a month. */
static long long
fclock_sunday(long long y, int m, int nth)
{
	long long	 d = fclock_days(y, m, 1);
	long long	 wd = ((d + 4) % 7 + 7) % 7;	/* 0 = Sunday */

	return d + (7 - wd) % 7 + 7 * (nth - 1);
}

/* Is US Pacific on daylight time at t?  2 a.m. local on the switch days. */
static bool
fclock_pacific_dst(time_t t)
{
	struct tm	 tm;
	time_t		 local = t - 8 * 3600, from, to;
	long long	 y;

	gmtime_r(&local, &tm);
	y = (long long)tm.tm_year + 1900;
	from = (time_t)(fclock_sunday(y, 3, 2) * 86400 + 10 * 3600);
	to = (time_t)(fclock_sunday(y, 11, 1) * 86400 + 9 * 3600);
	return t >= from && t < to;
}

/* The start (UTC seconds) of the eBay day holding t: midnight Pacific. */
time_t
fclock_day_start(time_t t)
{
	time_t	 off = fclock_pacific_dst(t) ? 7 * 3600 : 8 * 3600;
	time_t	 local = t - off;
	time_t	 mid = local - ((local % 86400) + 86400) % 86400;

	off = fclock_pacific_dst(mid + 8 * 3600) ? 7 * 3600 : 8 * 3600;
	return mid + off;
}

/*
 * yyyy-MM-ddThh:mm:ss.000Z: lib/ebay-parse.c's ebay_time_format (which
 * formats most years without gmtime_r and strftime: every search answer
 * prints a few dates per listing), milliseconds added.
 */
void
fclock_iso(time_t t, char out[32])
{
	size_t	 n;

	n = strlen(ebay_time_format(t, out, 32));
	if (n == 0 || n + 4 >= 32 || out[n - 1] != 'Z')
		strcpy(out, "1970-01-01T00:00:00.000Z");
	else
		memcpy(out + n - 1, ".000Z", 6);
}

/* Parse yyyy-MM-ddThh:mm:ss[.sss]Z (UTC); false on anything else. */
bool
fclock_parse_iso(const char *s, time_t *out)
{
	struct tm	 tm;
	int		 y, mo, d, h, mi, se, n = 0, ms = 0, nms = 0;

	if (strlen(s) < 20 || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n",
	    &y, &mo, &d, &h, &mi, &se, &n) != 6 || n != 19)
		return false;
	s += n;
	if (*s == '.') {
		if (sscanf(s, ".%3d%n", &ms, &nms) != 1 || nms != 4)
			return false;
		s += nms;
	}
	if (strcmp(s, "Z") != 0)
		return false;
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 ||
	    h > 23 || mi > 59 || se > 60 || ms < 0)
		return false;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	*out = timegm(&tm);
	return true;
}
