-- Worker (ebay-scan): fewer index entries per listing recorded.
--
-- A listing seen again is rewritten with its new last_seen_at (and
-- whatever eBay changed).  With last_seen_at indexed, every such rewrite
-- made a new entry in each of the table's indexes; without that index,
-- and with room left in each page, PostgreSQL rewrites the row in place
-- of its page (a heap-only update) and touches no index unless an
-- indexed column changed (item id, seller, title, end date, ended).
-- Pruning by last_seen_at (once a day) reads the table instead.
DROP INDEX listings_last_seen_idx;
ALTER TABLE listings SET (fillfactor = 80);

-- A search's hits: one unique index led by the item serves both the
-- lookups by item (cascades, the item page, the rules) and the conflict
-- of the scan's upsert; lookups by search use search_hits_recent_idx.
-- One index fewer per hit; their last_seen_at updates stay in place too.
ALTER TABLE search_hits DROP CONSTRAINT search_hits_pkey;
DROP INDEX search_hits_item_idx;
ALTER TABLE search_hits ADD PRIMARY KEY (item_id, search_id);
ALTER TABLE search_hits SET (fillfactor = 90);
