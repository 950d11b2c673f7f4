-- Worker (ebay-scan): the normalised title, the same on every server.
--
-- Relist matching compares a seller's titles once normalised.  The old
-- definition (0030) lowered and stripped by the server's locale and ran two
-- regular expressions for every listing staged, about a tenth of what a new
-- listing cost the database; and its result depended on the cluster's
-- LC_CTYPE.  Now: ASCII letters lowered, ASCII punctuation dropped, runs of
-- ASCII white space made one space, trimmed; every other character kept as
-- it is.  ebay-scan computes it (db_item_title_key in lib/db-item.c, the
-- C twin of this function) and stages it with the listing; this function
-- is the definition, for SQL and for the tests that check the two agree.
CREATE OR REPLACE FUNCTION listing_normalize_title(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN btrim(regexp_replace(
        translate(lower(t COLLATE "C"), '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~', ''),
        '[ \t\n\v\f\r]+', ' ', 'g'), ' ');

-- Stored titles follow the new definition.
UPDATE listings SET normalized_title = listing_normalize_title(title)
    WHERE normalized_title IS DISTINCT FROM listing_normalize_title(title);
