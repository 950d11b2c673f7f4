-- Worker (ebay-scan): relist matching, the per-search end-date sweep,
-- and the indexes that pruning and claiming use.

-- A title as relist matching compares it: lowercased, punctuation
-- stripped, runs of white space collapsed to one space, trimmed.
CREATE FUNCTION listing_normalize_title(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN btrim(regexp_replace(regexp_replace(lower(t), '[[:punct:]]+', '', 'g'),
        '[[:space:]]+', ' ', 'g'));

-- Which listing a relist points back to (at most one new listing each).
CREATE INDEX listings_relisted_from_idx ON listings (relisted_from)
    WHERE relisted_from IS NOT NULL;
-- Listings still open, by end date: the end-date sweep.
CREATE INDEX listings_open_end_idx ON listings (item_end_date)
    WHERE ended_at IS NULL;
-- Pruning old runs.
CREATE INDEX scan_runs_started_idx ON scan_runs (started_at);
-- Claiming: due, enabled, unleased searches in order.
CREATE INDEX saved_searches_lease_idx ON saved_searches (lease_owner)
    WHERE lease_owner IS NOT NULL;
