-- Worker (ebay-scan): what recording a scan costs per listing.
--
-- A scan writes, per new listing, one hit, one price observation and one
-- event.  Their foreign keys to listings and saved_searches ran one
-- referential check per row and key (five per new listing, about half of
-- the time of the statement that writes them), although each row is
-- written in the transaction that has just upserted its listing and locked
-- its search's row (lib/db-item.c, cron/scan-commit.c): nothing can be
-- missing there.  The checks go; what the keys also did, the cascade on
-- delete, is kept by statement triggers, one set-based DELETE per
-- statement instead of one per deleted row (prune and the eBay account
-- deletion delete thousands of listings at once).  The web reads these
-- tables only joined to their parents, so an orphan could not show even
-- if one were made by hand.

ALTER TABLE search_hits
    DROP CONSTRAINT search_hits_item_id_fkey,
    DROP CONSTRAINT search_hits_search_id_fkey;
ALTER TABLE price_observations
    DROP CONSTRAINT price_observations_item_id_fkey;
ALTER TABLE listing_events
    DROP CONSTRAINT listing_events_item_id_fkey,
    DROP CONSTRAINT listing_events_search_id_fkey;

CREATE FUNCTION listings_cascade() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_hits WHERE item_id IN (SELECT item_id FROM gone);
    DELETE FROM price_observations WHERE item_id IN (SELECT item_id FROM gone);
    DELETE FROM listing_events WHERE item_id IN (SELECT item_id FROM gone);
    RETURN NULL;
END $$;

CREATE TRIGGER listings_cascade AFTER DELETE ON listings
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT
    EXECUTE FUNCTION listings_cascade();

CREATE FUNCTION saved_searches_cascade() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_hits WHERE search_id IN (SELECT id FROM gone);
    DELETE FROM listing_events WHERE search_id IN (SELECT id FROM gone);
    RETURN NULL;
END $$;

-- Also fires for the searches a deleted user's cascade removes.
CREATE TRIGGER saved_searches_cascade AFTER DELETE ON saved_searches
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT
    EXECUTE FUNCTION saved_searches_cascade();

-- listings_relist_idx (seller_username, normalized_title) serves every
-- lookup by seller; a second index on the seller alone only cost inserts.
DROP INDEX listings_seller_idx;

-- A run's events, which the alert rules read right after writing them
-- (lib/rules.c), by search and run.  Nothing read events by search and
-- creation time.
DROP INDEX listing_events_search_idx;
CREATE INDEX listing_events_run_idx ON listing_events (search_id, run_id);

-- The web's cache notification (0020-web-notify.sql) on the tables a scan
-- writes in bulk: without a transition table.  Capturing every row a
-- statement wrote only to ask whether there was one cost a copy of each
-- row; the scan's statements always change rows (every scan updates its
-- hits' last_seen_at and its search's row), so they notify anyway.
CREATE FUNCTION web_changed_always() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('web_changed', '');
    RETURN NULL;
END $$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['listings', 'search_hits',
        'price_observations', 'listing_events']
    LOOP
        EXECUTE format('DROP TRIGGER %I ON %I', t || '_web_ins', t);
        EXECUTE format('DROP TRIGGER %I ON %I', t || '_web_upd', t);
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE ON %I'
            ' FOR EACH STATEMENT EXECUTE FUNCTION web_changed_always()',
            t || '_web_write', t);
    END LOOP;
END $$;
