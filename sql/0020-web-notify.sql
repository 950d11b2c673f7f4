-- Web page caches (cgi/cache.c): every statement that changes rows of a
-- table a page reads sends one NOTIFY on the channel web_changed when its
-- transaction commits (PostgreSQL folds repeats within a transaction into
-- one), so the FastCGI workers drop their cached pages and sessions
-- whoever made the change: the worker, the API, psql, another host.
-- Statements that change no row (the session lookup's sliding UPDATE,
-- mostly) notify nothing: statement triggers fire for them too, so each
-- looks at its transition table.  A table added later that pages read
-- needs the same triggers.

CREATE FUNCTION web_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' OR EXISTS (SELECT 1 FROM changed) THEN
        PERFORM pg_notify('web_changed', '');
    END IF;
    RETURN NULL;
END $$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['users', 'sessions', 'api_tokens',
        'saved_searches', 'alert_rules', 'channels', 'search_channels',
        'feed_tokens', 'listings', 'search_hits', 'price_observations',
        'listing_events', 'scan_runs', 'alerts', 'alert_state', 'outbox',
        'deliveries', 'ebay_calls', 'ebay_quota', 'search_cache',
        'ebay_deletions']
    LOOP
        -- A trigger with a transition table takes one event.
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I'
            ' REFERENCING NEW TABLE AS changed FOR EACH STATEMENT'
            ' EXECUTE FUNCTION web_changed()', t || '_web_ins', t);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I'
            ' REFERENCING NEW TABLE AS changed FOR EACH STATEMENT'
            ' EXECUTE FUNCTION web_changed()', t || '_web_upd', t);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I'
            ' REFERENCING OLD TABLE AS changed FOR EACH STATEMENT'
            ' EXECUTE FUNCTION web_changed()', t || '_web_del', t);
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I'
            ' FOR EACH STATEMENT EXECUTE FUNCTION web_changed()',
            t || '_web_trunc', t);
    END LOOP;
END $$;
