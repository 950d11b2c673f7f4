-- Worker (ebay-scan): claiming reads the due searches in the order it
-- takes them (next_run_at, then id) straight from an index and stops at
-- the batch it wants, instead of reading and sorting every due search
-- (and the dead versions scans leave behind) for each batch of claims.
DROP INDEX saved_searches_due_idx;
CREATE INDEX saved_searches_due_idx ON saved_searches (next_run_at, id)
    WHERE enabled;
