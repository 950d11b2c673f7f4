-- Worker (ebay-scan): what a listing's first sight says is read from the
-- rows that sight writes anyway, not written twice.
--
-- A listing new to a search was a search_hits row and a listing_events
-- 'new'; the hit (first_seen_at, first_run_id) says it all, so the worker
-- writes no 'new' event (readers take the search's hits).  A listing new
-- to the database was a listings row and a first price_observations row;
-- a listing whose total never changed has no observation now, and its
-- history is its listings row, as first seen.  The first change of total
-- writes the price as it was (at first_seen_at) and the new one.
-- price_history is what readers read: the observations, or the
-- listing's own point when it has none.
DELETE FROM listing_events WHERE kind = 'new';

CREATE VIEW price_history AS
    SELECT o.id, o.item_id, o.observed_at, o.price, o.shipping, o.total,
        o.currency, o.bid_count
    FROM price_observations o
    UNION ALL
    SELECT NULL::bigint, l.item_id, l.first_seen_at, l.price, l.shipping,
        l.total, coalesce(l.total_currency, l.price_currency), l.bid_count
    FROM listings l
    WHERE NOT EXISTS (SELECT 1 FROM price_observations o
        WHERE o.item_id = l.item_id);
