/*
 * Listings and their life, set-based (see db-item.h).  A scan's items go
 * to a temporary stage table in one COPY (every page, repeated item ids
 * dropped: the first page's copy is kept); six statements, sent in one
 * round trip (db_batch), then compare the stage with what is stored and
 * write the facts.  Listing rows are locked in item_id order before they are
 * compared, so that two workers recording the same listing agree on what
 * changed; a deadlock between them is DB_ERR_RETRY, and two inserting the
 * same new listing DB_ERR_UNIQUE, for the caller, which retries.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "db.h"
#include "db-item.h"
#include "ebay.h"
#include "log.h"
#include "money.h"
#include "xmalloc.h"

/* The now of every statement: $n is NULL (now()) or a timestamp. */
#define NOW(n)	"coalesce($" #n "::timestamptz, now())"

/*
 * The stage is created once per session, outside any transaction (so that
 * a rollback does not drop it), and emptied by a DELETE at the start of
 * each search's transaction: a search's stage holds its own rows only (a
 * rolled-back search's rows were never there for anyone else).  Emptying
 * it at commit (ON COMMIT DELETE ROWS) or by TRUNCATE rebuilds its index,
 * which invalidates the plan of every statement that reads the stage: each
 * was planned again in every transaction.  Dead rows stay in a temporary
 * table (autovacuum does not see it) and every scan of the stage reads
 * them, so once DB_ITEM_STAGE_DEAD_MAX rows were staged the next search
 * TRUNCATEs it instead (and its statements are planned again, once).
 * bench-scan (200 listings a search): 5000 cost PostgreSQL about 8% less
 * CPU than a TRUNCATE every search; never truncating, 3.5 times more.
 * 5000 rows stay well inside temp_buffers (8 MB).  The stage has no
 * index: its item ids are distinct (db_item_stage drops repeats), and
 * every statement reads all of it or joins it by hash; a primary key cost
 * a third of the COPY.
 */
#define DB_ITEM_STAGE_DEAD_MAX	5000

/* The stage of this thread's session (a writer has one connection). */
static _Thread_local struct {
	const struct db	*db;
	uint64_t	 connects;	/* db's session the stage was made in */
	size_t		 rows;		/* staged since the last TRUNCATE */
} db_item_session;

DB_STMT(db_item_stage_create, 0,
    "CREATE TEMP TABLE IF NOT EXISTS scan_stage ("
    " item_id text COLLATE \"C\" NOT NULL, legacy_item_id text,"
    " marketplace text,"
    " title text NOT NULL, ntitle text NOT NULL, seller_username text,"
    " seller_feedback_score integer, seller_feedback_pct numeric(5,1),"
    " condition text, condition_id text, buying_options text[] NOT NULL,"
    " price numeric(14,2), price_currency text, current_bid numeric(14,2),"
    " bid_count integer, shipping numeric(14,2), shipping_currency text,"
    " total numeric(14,2), total_currency text, image_url text,"
    " item_web_url text, item_affiliate_web_url text,"
    " location_country text, location_postal text, location_city text,"
    " category_id text, category_name text, item_origin_date timestamptz,"
    " item_creation_date timestamptz, item_end_date timestamptz,"
    " fetched_at timestamptz NOT NULL,"
    " existed boolean NOT NULL DEFAULT false,"
    " changed boolean NOT NULL DEFAULT false,"
    " old_total numeric(14,2), old_price numeric(14,2),"
    " old_shipping numeric(14,2), old_currency text, old_bid_count integer,"
    " old_seen timestamptz, relisted_from text COLLATE \"C\")");

DB_STMT(db_item_stage_delete, 0, "DELETE FROM scan_stage");
DB_STMT(db_item_stage_truncate, 0, "TRUNCATE scan_stage");

DB_STMT(db_item_stage_copy, 0,
    "COPY scan_stage (item_id, legacy_item_id, marketplace, title, ntitle,"
    " seller_username, seller_feedback_score, seller_feedback_pct,"
    " condition, condition_id, buying_options, price, price_currency,"
    " current_bid, bid_count, shipping, shipping_currency, total,"
    " total_currency, image_url, item_web_url, item_affiliate_web_url,"
    " location_country, location_postal, location_city, category_id,"
    " category_name, item_origin_date, item_creation_date, item_end_date,"
    " fetched_at) FROM STDIN");

/*
 * What was stored: lock the stored rows (in key order) and compare.  A
 * total is a change only when both totals are known; the stored price,
 * as last seen, is kept for the first observation a change writes.  Each
 * staged item is looked up by key (LATERAL: one index probe per staged
 * row, whatever the planner believes of the stage, which has no
 * statistics and whose dead rows make it look far bigger than it is;
 * estimated by its size it chose to read all of listings, every search).
 * Not as one array (= ANY, one index scan, a third cheaper): planned
 * while listings was small, as the first scans of a new database are, it
 * read all of listings, and kept doing so as listings grew, until the
 * stage's TRUNCATE made it plan again (bench-scan: ten times the look's
 * cost, in one pass of two).  A listing new to the database leaves its
 * stage row as it was.
 */
DB_STMT(db_item_look, 0,
    "UPDATE scan_stage s SET existed = true, old_total = l.total,"
    " changed = (l.total IS NOT NULL AND s.total IS NOT NULL AND"
    "  (l.total <> s.total OR l.total_currency IS DISTINCT FROM"
    "   s.total_currency)),"
    " old_price = l.price, old_shipping = l.shipping,"
    " old_currency = coalesce(l.total_currency, l.price_currency),"
    " old_bid_count = l.bid_count, old_seen = l.first_seen_at"
    " FROM (SELECT item_id FROM scan_stage ORDER BY item_id) k"
    " CROSS JOIN LATERAL (SELECT total, total_currency, price,"
    "  price_currency, shipping, bid_count, first_seen_at"
    "  FROM listings WHERE item_id = k.item_id FOR UPDATE) l"
    " WHERE s.item_id = k.item_id");

/* Listings of this search whose end date passed: ended. */
DB_STMT(db_item_end_dates, 3,
    "WITH e AS (UPDATE listings l SET ended_at = " NOW(3) ","
    "  end_reason = 'end_date'"
    " FROM search_hits h WHERE h.search_id = $1 AND h.item_id = l.item_id"
    "  AND l.ended_at IS NULL AND l.item_end_date <= " NOW(3)
    " RETURNING l.item_id, l.total, l.total_currency)"
    " INSERT INTO listing_events (item_id, search_id, kind, old_total,"
    " currency, run_id, created_at)"
    " SELECT item_id, $1::bigint, 'ended', total, total_currency, $2::bigint, " NOW(3)
    " FROM e");

/*
 * Relists: a listing new to the database, whose seller and normalised
 * title match an ended listing (or one whose end date passed) that no
 * listing relists yet; the newest such, found by the hash of the two
 * (relist_key, sql/0037-relist-key.sql).  Two new listings matching the
 * same old one: the first by item_id takes it.  The lookup is a LATERAL
 * subquery, one index probe per staged listing (OFFSET 0 keeps the
 * planner from making it a join, which could read all of listings); the
 * newest match is picked by DISTINCT ON over all of them, cheaper than a
 * sort and a limit run again for every staged listing.
 */
DB_STMT(db_item_relists, 1,
    "WITH c AS (SELECT DISTINCT ON (s.item_id) s.item_id, o.item_id AS old"
    "  FROM scan_stage s"
    "  CROSS JOIN LATERAL (SELECT l.item_id,"
    "   coalesce(l.ended_at, l.item_end_date) AS ended FROM listings l"
    "   WHERE l.relist_key = listing_relist_key(s.seller_username, s.ntitle)"
    "   AND l.seller_username = s.seller_username"
    "   AND l.normalized_title = s.ntitle"
    "   AND l.item_id <> s.item_id"
    "   AND (l.ended_at IS NOT NULL OR l.item_end_date <= " NOW(1) ")"
    "   AND NOT EXISTS (SELECT 1 FROM listings r"
    "    WHERE r.relisted_from = l.item_id)"
    "   OFFSET 0) o"
    "  WHERE NOT s.existed"
    "  AND s.seller_username IS NOT NULL AND s.ntitle <> ''"
    "  ORDER BY s.item_id, o.ended DESC, o.item_id),"
    " r AS (SELECT item_id, old, row_number() OVER"
    "  (PARTITION BY old ORDER BY item_id) AS n FROM c)"
    " UPDATE scan_stage s SET relisted_from = r.old FROM r"
    " WHERE r.item_id = s.item_id AND r.n = 1");

/*
 * The listings written: a listing new to the database is a plain INSERT
 * (an upsert's speculative insertion cost a fifth more), one stored
 * already (locked by the look) takes what this scan saw, and one taken
 * for gone that shows up again, before its end date, is open again.  A
 * concurrent worker that inserted one of the same new listings first
 * makes the INSERT fail (unique violation): the caller retries the
 * search's transaction, whose look then finds the listing.  Both in item
 * id order, as the look locks, so that two workers do not deadlock.
 */
#define DB_ITEM_LISTING_COLUMNS						\
    "(item_id, legacy_item_id,"						\
    " marketplace, title, normalized_title, seller_username,"		\
    " seller_feedback_score, seller_feedback_pct, condition, condition_id,"\
    " buying_options, price, price_currency, current_bid, bid_count,"	\
    " shipping, shipping_currency, total, total_currency, image_url,"	\
    " item_web_url, item_affiliate_web_url, location_country,"		\
    " location_postal, location_city, category_id, category_name,"	\
    " item_origin_date, item_creation_date, item_end_date, first_seen_at,"\
    " last_seen_at, fetched_at, relisted_from)"				\
    " SELECT item_id, legacy_item_id, marketplace, title, ntitle,"	\
    " seller_username, seller_feedback_score, seller_feedback_pct,"	\
    " condition, condition_id, buying_options, price, price_currency,"	\
    " current_bid, bid_count, shipping, shipping_currency, total,"	\
    " total_currency, image_url, item_web_url, item_affiliate_web_url,"	\
    " location_country, location_postal, location_city, category_id,"	\
    " category_name, item_origin_date, item_creation_date, item_end_date,"\
    " " NOW(1) ", " NOW(1) ", fetched_at, relisted_from"		\
    " FROM scan_stage"

DB_STMT(db_item_upsert, 1,
    "WITH up AS (INSERT INTO listings AS l " DB_ITEM_LISTING_COLUMNS
    " WHERE existed ORDER BY item_id"
    " ON CONFLICT (item_id) DO UPDATE SET"
    " legacy_item_id = EXCLUDED.legacy_item_id,"
    " marketplace = EXCLUDED.marketplace, title = EXCLUDED.title,"
    " normalized_title = EXCLUDED.normalized_title,"
    " seller_username = EXCLUDED.seller_username,"
    " seller_feedback_score = EXCLUDED.seller_feedback_score,"
    " seller_feedback_pct = EXCLUDED.seller_feedback_pct,"
    " condition = EXCLUDED.condition, condition_id = EXCLUDED.condition_id,"
    " buying_options = EXCLUDED.buying_options, price = EXCLUDED.price,"
    " price_currency = EXCLUDED.price_currency,"
    " current_bid = EXCLUDED.current_bid, bid_count = EXCLUDED.bid_count,"
    " shipping = EXCLUDED.shipping,"
    " shipping_currency = EXCLUDED.shipping_currency,"
    " total = EXCLUDED.total, total_currency = EXCLUDED.total_currency,"
    " image_url = EXCLUDED.image_url, item_web_url = EXCLUDED.item_web_url,"
    " item_affiliate_web_url = EXCLUDED.item_affiliate_web_url,"
    " location_country = EXCLUDED.location_country,"
    " location_postal = EXCLUDED.location_postal,"
    " location_city = EXCLUDED.location_city,"
    " category_id = EXCLUDED.category_id,"
    " category_name = EXCLUDED.category_name,"
    " item_origin_date = EXCLUDED.item_origin_date,"
    " item_creation_date = EXCLUDED.item_creation_date,"
    " item_end_date = EXCLUDED.item_end_date,"
    " last_seen_at = greatest(l.last_seen_at, EXCLUDED.last_seen_at),"
    " fetched_at = EXCLUDED.fetched_at,"
    " ended_at = CASE WHEN l.end_reason = 'gone' AND"
    "  (EXCLUDED.item_end_date IS NULL OR"
    "   EXCLUDED.item_end_date > " NOW(1) ") THEN NULL ELSE l.ended_at END,"
    " end_reason = CASE WHEN l.end_reason = 'gone' AND"
    "  (EXCLUDED.item_end_date IS NULL OR"
    "   EXCLUDED.item_end_date > " NOW(1) ") THEN NULL"
    "  ELSE l.end_reason END)"
    " INSERT INTO listings " DB_ITEM_LISTING_COLUMNS
    " WHERE NOT existed ORDER BY item_id");

/*
 * The facts, in one statement.  The search's hits (new ones silent on a
 * first run; a hit's row is the search's 'new', the price_history view
 * its first price): a listing new to the database is new to the search
 * (a plain INSERT: no other transaction writes this search's hits, and
 * its listing's deletion deleted any older hit); for the others RETURNING
 * says which are new to the search.  An observation per change of total
 * (the first change also writes the price as it was, at the listing's
 * first sight, when the listing has no observation yet); the events
 * 'relisted' and 'price_changed'; then the counts and the newest start
 * seen.
 */
#define DB_ITEM_HIT_COLUMNS						\
    "(search_id, item_id, first_seen_at, last_seen_at, first_run_id,"	\
    " silent) SELECT $1::bigint, item_id, " NOW(3) ", " NOW(3) ","	\
    " $2::bigint, $4::boolean FROM scan_stage"

DB_STMT(db_item_facts, 4,
    "WITH born AS (INSERT INTO search_hits " DB_ITEM_HIT_COLUMNS
    " WHERE NOT existed ORDER BY item_id),"
    " hits AS (INSERT INTO search_hits AS h " DB_ITEM_HIT_COLUMNS
    " WHERE existed ORDER BY item_id"
    " ON CONFLICT (search_id, item_id) DO UPDATE SET"
    " last_seen_at = greatest(h.last_seen_at, EXCLUDED.last_seen_at)"
    " RETURNING (h.xmax = 0) AS fresh),"
    " obs AS (INSERT INTO price_observations (item_id, observed_at, price,"
    " shipping, total, currency, bid_count)"
    " SELECT item_id, old_seen, old_price, old_shipping, old_total,"
    "  old_currency, old_bid_count FROM scan_stage s WHERE changed"
    "  AND NOT EXISTS (SELECT 1 FROM price_observations o"
    "  WHERE o.item_id = s.item_id)"
    " UNION ALL SELECT item_id, " NOW(3) ", price, shipping, total,"
    "  coalesce(total_currency, price_currency), bid_count FROM scan_stage"
    "  WHERE changed),"
    " ins AS (INSERT INTO listing_events (item_id, search_id, kind,"
    " old_total, new_total, currency, run_id, created_at)"
    " SELECT item_id, $1::bigint, 'relisted', NULL::numeric,"
    "  total, total_currency, $2::bigint, " NOW(3)
    "  FROM scan_stage WHERE relisted_from IS NOT NULL AND NOT existed"
    " UNION ALL SELECT item_id, $1::bigint, 'price_changed', old_total,"
    "  total, total_currency, $2::bigint, " NOW(3)
    "  FROM scan_stage WHERE changed"
    " RETURNING kind)"
    " SELECT (SELECT count(*) FROM hits WHERE fresh) + st.inserted,"
    " ev.relisted, ev.changed, st.seen, st.inserted, st.newest"
    " FROM (SELECT count(*) FILTER (WHERE kind = 'relisted') AS relisted,"
    "  count(*) FILTER (WHERE kind = 'price_changed') AS changed"
    "  FROM ins) ev,"
    " (SELECT count(*) AS seen,"
    "  count(*) FILTER (WHERE NOT existed) AS inserted,"
    "  extract(epoch FROM max(least("
    "   coalesce(item_origin_date, item_creation_date),"
    "   coalesce(item_creation_date, item_origin_date))))::bigint AS newest"
    "  FROM scan_stage) st");

/*
 * Gone: listings of this search still open, missing from a complete
 * result whose window (from $4, a margin added) covers both their start
 * dates, and seen since the search was last edited (an edit changes what
 * the search finds).  The search's hits are read first and the listings
 * fetched by key (= ANY of an array): a join left to the planner could
 * start from every open listing when the statistics are stale.  Only hits
 * first seen after the window opened (a day of margin for eBay's clock
 * against ours) can hold a listing that started in it: a search that has
 * gathered thousands of hits reads its recent ones only
 * (search_hits_recent_idx).
 */
DB_STMT(db_item_gone, 4,
    "WITH g AS (UPDATE listings l SET ended_at = " NOW(3) ","
    "  end_reason = 'gone'"
    " WHERE l.item_id = ANY (ARRAY(SELECT h.item_id"
    "   FROM search_hits h JOIN saved_searches ss ON ss.id = h.search_id"
    "   WHERE h.search_id = $1 AND h.last_seen_at >= ss.updated_at"
    "   AND h.first_seen_at >= $4::timestamptz - interval '1 day'"
    "   AND NOT EXISTS (SELECT 1 FROM scan_stage s"
    "    WHERE s.item_id = h.item_id)))"
    "  AND l.ended_at IS NULL"
    "  AND l.item_origin_date >= $4::timestamptz + interval '1 minute'"
    "  AND l.item_creation_date >= $4::timestamptz + interval '1 minute'"
    " RETURNING l.item_id, l.total, l.total_currency)"
    " INSERT INTO listing_events (item_id, search_id, kind, old_total,"
    " currency, run_id, created_at)"
    " SELECT item_id, $1::bigint, 'ended', total, total_currency, $2::bigint, " NOW(3)
    " FROM g");

bool
db_item_stage_open(struct db *db)
{
	if (db_item_session.db == db &&
	    db_item_session.connects == db_connects(db))
		return true;
	if (!db_run(db, &db_item_stage_create))
		return false;
	db_item_session.db = db;
	db_item_session.connects = db_connects(db);
	db_item_session.rows = 0;
	return true;
}

const struct db_stmt *
db_item_stage_clear(struct db *db)
{
	if (db_item_session.db != db ||
	    db_item_session.rows < DB_ITEM_STAGE_DEAD_MAX)
		return &db_item_stage_delete;
	db_item_session.rows = 0;
	return &db_item_stage_truncate;
}

/*
 * A title as relist matching compares it, the C twin of the SQL function
 * listing_normalize_title (sql/0033-title-key.sql): ASCII letters lowered,
 * ASCII punctuation dropped, runs of ASCII white space made one space,
 * trimmed; every other byte kept.  Computed here, not by PostgreSQL's
 * regular expressions, for every listing staged (about a tenth of what a
 * new listing cost the database).  dst holds strlen(src) + 1 bytes.
 */
void
db_item_title_key(char *dst, const char *src)
{
	const unsigned char	*p;
	size_t			 n = 0;
	bool			 space = false;
	unsigned char		 c;

	for (p = (const unsigned char *)src; (c = *p) != '\0'; p++) {
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		else if ((c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
		    (c >= '[' && c <= '`') || (c >= '{' && c <= '~'))
			continue;	/* dropped: "a-b" is "ab", "a - b" "a b" */
		if (c == ' ' || (c >= '\t' && c <= '\r')) {
			space = true;
			continue;
		}
		if (space && n > 0)
			dst[n++] = ' ';
		space = false;
		dst[n++] = (char)c;
	}
	dst[n] = '\0';
}

/* The COPY fields of the stage (db_item_stage_copy's columns). */
static void
db_item_copy_str(struct buf *b, const char *v)
{
	db_copy_field(b, v);
	buf_addc(b, '\t');
}

/* v in decimal, then a tab (no printf: a COPY row has a dozen numbers). */
static void
db_item_copy_dec(struct buf *b, long long v, const char *cents)
{
	char			 s[32];
	size_t			 i = sizeof s;
	unsigned long long	 u;

	u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		s[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (v < 0)
		s[--i] = '-';
	buf_add(b, s + i, sizeof s - i);
	if (cents != NULL)
		buf_add(b, cents, 3);
	buf_addc(b, '\t');
}

static void
db_item_copy_int(struct buf *b, bool known, long long v)
{
	if (known)
		db_item_copy_dec(b, v, NULL);
	else
		buf_adds(b, "\\N\t");
}

/* A known amount, or NULL (what money_format writes, without printf). */
static void
db_item_copy_amount(struct buf *b, const struct money *m)
{
	char	 c[3];

	if (!m->known)
		db_item_copy_str(b, NULL);
	else if (m->cents < 0)
		db_item_copy_str(b, "");
	else {
		c[0] = '.';
		c[1] = (char)('0' + m->cents % 100 / 10);
		c[2] = (char)('0' + m->cents % 10);
		db_item_copy_dec(b, m->cents / 100, c);
	}
}

/* A known amount and its currency, or two NULLs. */
static void
db_item_copy_money(struct buf *b, const struct money *m)
{
	db_item_copy_amount(b, m);
	db_item_copy_str(b, m->known ? m->currency : NULL);
}

static void
db_item_copy_time(struct buf *b, time_t t)
{
	char	 s[32];

	if (t == 0 || *ebay_time_format(t, s, sizeof s) == '\0')
		db_item_copy_str(b, NULL);
	else
		db_item_copy_str(b, s);
}

static void
db_item_copy_title_key(struct buf *b, const char *title)
{
	char	 small[256], *key;
	size_t	 len;

	if (title == NULL) {
		db_item_copy_str(b, NULL);
		return;
	}
	len = strlen(title);
	key = len < sizeof small ? small : xmalloc(len + 1);
	db_item_title_key(key, title);
	db_item_copy_str(b, key);
	if (key != small)
		free(key);
}

static void
db_item_copy_row(struct buf *b, const struct ebay_item *it, time_t fetched)
{
	const char	*name;
	int		 i, n;

	db_item_copy_str(b, it->item_id);
	db_item_copy_str(b, it->legacy_id);
	db_item_copy_str(b, it->marketplace);
	db_item_copy_str(b, it->title);
	db_item_copy_title_key(b, it->title);
	db_item_copy_str(b, it->seller_username);
	db_item_copy_int(b, it->has_feedback_score &&
	    it->seller_feedback_score >= INT_MIN &&
	    it->seller_feedback_score <= INT_MAX, it->seller_feedback_score);
	db_item_copy_str(b, it->seller_feedback_pct);
	db_item_copy_str(b, it->condition);
	db_item_copy_str(b, it->condition_id);
	buf_addc(b, '{');
	for (i = 0, n = 0; i < EBAY_BUY__MAX; i++)
		if ((it->buying & EBAY_BIT(i)) &&
		    (name = ebay_buy_name((enum ebay_buy)i)) != NULL) {
			if (n++ > 0)
				buf_addc(b, ',');
			buf_adds(b, name);
		}
	buf_adds(b, "}\t");
	db_item_copy_money(b, &it->price);
	db_item_copy_amount(b, &it->current_bid);
	db_item_copy_int(b, it->bid_count >= 0, it->bid_count);
	db_item_copy_money(b, &it->shipping);
	db_item_copy_money(b, &it->total);
	db_item_copy_str(b, it->image_url);
	db_item_copy_str(b, it->web_url);
	db_item_copy_str(b, it->affiliate_web_url);
	db_item_copy_str(b, it->location_country);
	db_item_copy_str(b, it->location_postal);
	db_item_copy_str(b, it->location_city);
	db_item_copy_str(b, it->category_id);
	db_item_copy_str(b, it->category_name);
	db_item_copy_time(b, it->origin_date);
	db_item_copy_time(b, it->creation_date);
	db_item_copy_time(b, it->end_date);
	db_item_copy_time(b, fetched != 0 ? fetched : time(NULL));
	if (!buf_failed(b))
		b->data[b->len - 1] = '\n';	/* the row's last tab */
}

/*
 * Stage the items of every page in one COPY; an item id seen on an
 * earlier page is dropped (eBay repeats items across pages).
 */
bool
db_item_stage(struct db *db, const struct ebay_page *pages, size_t npages)
{
	struct ebay_seen	*seen;
	struct buf		 b;
	size_t			 i, k, rows = 0;
	bool			 ok;

	buf_init(&b, 0);
	seen = ebay_seen_new();
	for (i = 0; i < npages; i++)
		for (k = 0; k < pages[i].nitems; k++)
			if (ebay_seen_add(seen, pages[i].items[k].item_id)) {
				db_item_copy_row(&b, &pages[i].items[k],
				    pages[i].fetched_at);
				rows++;
			}
	if (db_item_session.db == db)
		db_item_session.rows += rows;
	ebay_seen_free(seen);
	if (buf_failed(&b)) {
		buf_free(&b);
		log_error("db_item_stage: out of memory");
		return false;
	}
	ok = b.len == 0 || db_copy_in(db, &db_item_stage_copy, b.data, b.len);
	buf_free(&b);
	return ok;
}

/*
 * The lifecycle of one successful scan (see db-item.h).  False with the
 * db error set when a statement failed: the caller rolls back (and may
 * retry on DB_ERR_RETRY).
 */
bool
db_item_record(struct db *db, const struct db_item_scan *sc,
    struct db_item_counts *out)
{
	const char	*now[] = { sc->now };
	const char	*ids[] = { sc->search_id, sc->run_id, sc->now };
	const char	*facts[] = { sc->search_id, sc->run_id, sc->now,
			    sc->first_run ? "t" : "f" };
	const char	*gone[] = { sc->search_id, sc->run_id, sc->now, NULL };
	struct db_batch	 b[] = {
		{ &db_item_look, NULL, NULL },
		{ &db_item_end_dates, ids, NULL },
		{ &db_item_relists, now, NULL },
		{ &db_item_upsert, now, NULL },
		{ &db_item_facts, facts, NULL },
		{ &db_item_gone, gone, NULL },
	};
	PGresult	*res;
	int64_t		 newest;
	char		 window[32];
	struct tm	 tm;
	size_t		 i, n;

	memset(out, 0, sizeof *out);
	window[0] = '\0';
	if (sc->window_start != 0 && gmtime_r(&sc->window_start, &tm) != NULL)
		strftime(window, sizeof window, "%Y-%m-%dT%H:%M:%SZ", &tm);
	gone[3] = window[0] != '\0' ? window : "-infinity";
	/* One round trip; gone only when the result was complete. */
	n = sc->complete ? 6 : 5;
	if (!db_batch(db, b, n))
		return false;
	out->ended = atoi(PQcmdTuples(b[1].res));
	res = b[4].res;
	if (PQntuples(res) == 1) {
		out->fresh = atoi(db_text(res, 0, 0));
		out->relisted = atoi(db_text(res, 0, 1));
		out->price_changes = atoi(db_text(res, 0, 2));
		out->seen = atoi(db_text(res, 0, 3));
		out->inserted = atoi(db_text(res, 0, 4));
		if (db_int64(res, 0, 5, &newest))
			out->newest_start = (time_t)newest;
	}
	if (sc->complete)
		out->ended += atoi(PQcmdTuples(b[5].res));
	for (i = 0; i < n; i++)
		PQclear(b[i].res);
	return true;
}
