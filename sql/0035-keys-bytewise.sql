-- Worker (ebay-scan): keys compared byte by byte.
--
-- Listing ids ('v1|...|0') and the relist key are only ever compared for
-- equality and ordered for locking; under the cluster's collation every
-- comparison in their indexes went through the locale's collation
-- (strcoll).  In the official PostgreSQL image's default, en_US.UTF-8,
-- bench-scan's PostgreSQL spent about a fifth more CPU than under
-- C.UTF-8.  The "C" collation compares bytes; equality is the same under
-- any deterministic collation, so no result changes, only the order of
-- item ids (nothing shows them sorted).  Every column holding an item id
-- changes together (two columns of different collations cannot be
-- compared), and so does the scan's stage (lib/db-item.c).
ALTER TABLE listings
    ALTER COLUMN item_id TYPE text COLLATE "C",
    ALTER COLUMN relisted_from TYPE text COLLATE "C";
ALTER TABLE search_hits ALTER COLUMN item_id TYPE text COLLATE "C";
ALTER TABLE price_observations ALTER COLUMN item_id TYPE text COLLATE "C";
ALTER TABLE listing_events ALTER COLUMN item_id TYPE text COLLATE "C";
ALTER TABLE alerts ALTER COLUMN item_id TYPE text COLLATE "C";
ALTER TABLE alert_state ALTER COLUMN item_id TYPE text COLLATE "C";

-- Relist matching looks a new listing's seller and normalised title up
-- (lib/db-item.c compares them COLLATE "C"); the columns keep the
-- cluster's collation for everything else (lower() of a seller name).
DROP INDEX listings_relist_idx;
CREATE INDEX listings_relist_idx ON listings
    (seller_username COLLATE "C", normalized_title COLLATE "C");
