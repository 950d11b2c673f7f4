-- Worker (ebay-scan): what a new listing costs in listings' indexes.
--
-- listings_relist_idx held the seller and the normalised title, a key of a
-- hundred bytes or more, compared byte by byte at every level of every
-- insert: it cost more per new listing than the primary key.  It holds
-- relist_key now, a 64-bit hash of the two that PostgreSQL keeps with the
-- row; the relist lookup (lib/db-item.c) probes the hash and compares the
-- seller and the title themselves.  Nothing looked listings up by seller
-- through it (the eBay account deletion compares lower-cased names).
--
-- The self-reference relisted_from ran a referential check per inserted
-- listing, NULL or not; the worker sets it only to a listing it has just
-- read, and the cascade on delete (set to NULL) joins listings_cascade.
ALTER TABLE listings DROP CONSTRAINT listings_relisted_from_fkey;

CREATE OR REPLACE FUNCTION listings_cascade() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_hits WHERE item_id IN (SELECT item_id FROM gone);
    DELETE FROM price_observations WHERE item_id IN (SELECT item_id FROM gone);
    DELETE FROM listing_events WHERE item_id IN (SELECT item_id FROM gone);
    UPDATE listings SET relisted_from = NULL
        WHERE relisted_from IN (SELECT item_id FROM gone);
    RETURN NULL;
END $$;

-- The key, for the column and for the lookup (one definition).
CREATE FUNCTION listing_relist_key(seller text, ntitle text) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN hashtextextended(seller || ' ' || ntitle, 0);

ALTER TABLE listings ADD COLUMN relist_key bigint GENERATED ALWAYS AS
    (listing_relist_key(seller_username, normalized_title)) STORED;
DROP INDEX listings_relist_idx;
CREATE INDEX listings_relist_idx ON listings (relist_key);
