-- ebay-scanner schema: everything SPEC.md describes.
-- Money is numeric with its currency beside it; times are timestamptz (UTC).
-- Applied by `ebay-scan migrate` inside one transaction; never edit it once
-- released: put changes in a new numbered file.

-- Accounts ---------------------------------------------------------------

CREATE TABLE users (
    id              bigserial PRIMARY KEY,
    username        text NOT NULL UNIQUE
                    CHECK (length(username) BETWEEN 1 AND 64),
    password_hash   text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- Session cookies and API tokens are random; only their SHA-256 is kept.
CREATE TABLE sessions (
    token_hash      text PRIMARY KEY,
    user_id         bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    csrf_token      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_seen_at    timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Failed logins, to slow guessing (by user name and by client address).
CREATE TABLE login_failures (
    id              bigserial PRIMARY KEY,
    username        text NOT NULL,
    remote_addr     text,
    failed_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_user_idx ON login_failures (username, failed_at);
CREATE INDEX login_failures_addr_idx ON login_failures (remote_addr, failed_at);

CREATE TABLE api_tokens (
    id              bigserial PRIMARY KEY,
    user_id         bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash      text NOT NULL UNIQUE,
    token_prefix    text NOT NULL,          -- first characters, to recognise it
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_used_at    timestamptz,
    revoked_at      timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

-- Saved searches ---------------------------------------------------------

CREATE TABLE saved_searches (
    id              bigserial PRIMARY KEY,
    user_id         bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- the search (SPEC section 3 /search parameters)
    q               text CHECK (length(q) <= 100),
    category_id     text CHECK (category_id ~ '^[0-9]{1,12}$'),
    min_price       numeric(14,2) CHECK (min_price >= 0),
    max_price       numeric(14,2) CHECK (max_price >= 0),
    currency        text CHECK (currency ~ '^[A-Z]{3}$'),
    conditions      text[] NOT NULL DEFAULT '{}',   -- new, open_box, refurbished, used, parts
    formats         text[] NOT NULL DEFAULT '{}',   -- buy_it_now, auction, best_offer ('{}' = both BIN and auction)
    exclude_words   text[] NOT NULL DEFAULT '{}',
    exclude_sellers text[] NOT NULL DEFAULT '{}',
    located_in      text CHECK (located_in ~ '^[A-Z]{2}$'),
    free_shipping   boolean NOT NULL DEFAULT false,
    marketplace     text NOT NULL DEFAULT 'EBAY_US',
    sort            text NOT NULL DEFAULT 'newly_listed'
                    CHECK (sort IN ('best', 'price', '-price', 'newly_listed', 'ending_soonest')),
    -- scanning
    interval_minutes            integer NOT NULL DEFAULT 15
                                CHECK (interval_minutes BETWEEN 1 AND 10080),
    effective_interval_minutes  integer,        -- stretched by the budget; NULL = as asked
    enabled         boolean NOT NULL DEFAULT true,
    notify_existing boolean NOT NULL DEFAULT false, -- alert on the first run's finds too
    next_run_at     timestamptz NOT NULL DEFAULT now(),
    lease_owner     text,
    lease_until     timestamptz,
    cursor_start    timestamptz,                -- newest itemStartDate seen (minus overlap when used)
    first_run_done  boolean NOT NULL DEFAULT false,
    last_run_at     timestamptz,
    last_success_at timestamptz,
    status          text NOT NULL DEFAULT 'new'
                    CHECK (status IN ('new', 'ok', 'warning', 'error', 'quota', 'disabled')),
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (q IS NOT NULL OR category_id IS NOT NULL),
    CHECK (min_price IS NULL OR max_price IS NULL OR min_price <= max_price)
);
CREATE INDEX saved_searches_user_idx ON saved_searches (user_id);
CREATE INDEX saved_searches_due_idx ON saved_searches (next_run_at) WHERE enabled;

-- Alert rules of a search (SPEC section 4, item 5).
CREATE TABLE alert_rules (
    id              bigserial PRIMARY KEY,
    search_id       bigint NOT NULL REFERENCES saved_searches ON DELETE CASCADE,
    kind            text NOT NULL CHECK (kind IN ('new_match', 'price_range', 'auction_ending')),
    max_total       numeric(14,2),              -- new_match, auction_ending: only under this total
    range_min       numeric(14,2),              -- price_range
    range_max       numeric(14,2),
    direction       text NOT NULL DEFAULT 'down' CHECK (direction IN ('down', 'up', 'both')),
    hysteresis_pct  numeric(5,2) NOT NULL DEFAULT 2 CHECK (hysteresis_pct BETWEEN 0 AND 50),
    window_minutes  integer CHECK (window_minutes BETWEEN 1 AND 10080),  -- auction_ending
    max_bids        integer CHECK (max_bids >= 0),
    currency        text CHECK (currency ~ '^[A-Z]{3}$'),
    enabled         boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (range_min IS NULL OR range_max IS NULL OR range_min <= range_max)
);
CREATE INDEX alert_rules_search_idx ON alert_rules (search_id);

-- Notification channels and which searches alert through them.
CREATE TABLE channels (
    id              bigserial PRIMARY KEY,
    user_id         bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    kind            text NOT NULL
                    CHECK (kind IN ('webhook', 'ntfy', 'discord', 'slack', 'telegram', 'email')),
    target          text NOT NULL,              -- URL, topic URL, chat, or address (may hold a secret)
    config          jsonb NOT NULL DEFAULT '{}',
    mode            text NOT NULL DEFAULT 'instant' CHECK (mode IN ('instant', 'hourly', 'daily')),
    enabled         boolean NOT NULL DEFAULT true,
    consecutive_failures integer NOT NULL DEFAULT 0,
    last_ok_at      timestamptz,
    last_error_at   timestamptz,
    last_error      text,
    next_digest_at  timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX channels_user_idx ON channels (user_id);

CREATE TABLE search_channels (
    search_id       bigint NOT NULL REFERENCES saved_searches ON DELETE CASCADE,
    channel_id      bigint NOT NULL REFERENCES channels ON DELETE CASCADE,
    PRIMARY KEY (search_id, channel_id)
);
CREATE INDEX search_channels_channel_idx ON search_channels (channel_id);

-- Revocable signed feed URLs: /searches/{id}/feed.atom?token=...
CREATE TABLE feed_tokens (
    id              bigserial PRIMARY KEY,
    search_id       bigint NOT NULL REFERENCES saved_searches ON DELETE CASCADE,
    token_hash      text NOT NULL UNIQUE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    revoked_at      timestamptz
);
CREATE INDEX feed_tokens_search_idx ON feed_tokens (search_id);

-- Listings as last seen ----------------------------------------------------

CREATE TABLE listings (
    item_id         text PRIMARY KEY CHECK (length(item_id) BETWEEN 1 AND 100),  -- v1|legacy|variation
    legacy_item_id  text,
    marketplace     text,
    title           text NOT NULL DEFAULT '',
    normalized_title text NOT NULL DEFAULT '',  -- for relist matching
    seller_username text,
    seller_feedback_score integer,
    seller_feedback_pct numeric(5,1),
    condition       text,
    condition_id    text,
    buying_options  text[] NOT NULL DEFAULT '{}',
    price           numeric(14,2),              -- price, else current bid
    price_currency  text,
    current_bid     numeric(14,2),
    bid_count       integer,
    shipping        numeric(14,2),              -- NULL: unknown (never zero by default)
    shipping_currency text,
    total           numeric(14,2),              -- price + known shipping; NULL when unknown
    total_currency  text,
    image_url       text,
    item_web_url    text,
    item_affiliate_web_url text,
    location_country text,
    location_postal text,
    location_city   text,
    category_id     text,
    category_name   text,
    item_origin_date   timestamptz,
    item_creation_date timestamptz,
    item_end_date   timestamptz,
    first_seen_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at    timestamptz NOT NULL DEFAULT now(),
    fetched_at      timestamptz NOT NULL DEFAULT now(),  -- when eBay last gave us this data
    ended_at        timestamptz,
    end_reason      text CHECK (end_reason IN ('end_date', 'gone')),
    relisted_from   text REFERENCES listings (item_id) ON DELETE SET NULL,
    CHECK (total IS NULL OR total_currency IS NOT NULL)
);
CREATE INDEX listings_seller_idx ON listings (seller_username);
CREATE INDEX listings_relist_idx ON listings (seller_username, normalized_title);
CREATE INDEX listings_last_seen_idx ON listings (last_seen_at);
CREATE INDEX listings_ended_idx ON listings (ended_at) WHERE ended_at IS NOT NULL;

-- Which search found which listing.
CREATE TABLE search_hits (
    search_id       bigint NOT NULL REFERENCES saved_searches ON DELETE CASCADE,
    item_id         text NOT NULL REFERENCES listings ON DELETE CASCADE,
    first_seen_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at    timestamptz NOT NULL DEFAULT now(),
    first_run_id    bigint,
    silent          boolean NOT NULL DEFAULT false,   -- found by the silent first run
    PRIMARY KEY (search_id, item_id)
);
CREATE INDEX search_hits_item_idx ON search_hits (item_id);
CREATE INDEX search_hits_recent_idx ON search_hits (search_id, first_seen_at DESC);

-- Each change of a listing's price (only on change).
CREATE TABLE price_observations (
    id              bigserial PRIMARY KEY,
    item_id         text NOT NULL REFERENCES listings ON DELETE CASCADE,
    observed_at     timestamptz NOT NULL DEFAULT now(),
    price           numeric(14,2),
    shipping        numeric(14,2),
    total           numeric(14,2),
    currency        text,
    bid_count       integer
);
CREATE INDEX price_observations_item_idx ON price_observations (item_id, observed_at);

-- Listing events, for the UI's marks and for alert rules.
CREATE TABLE listing_events (
    id              bigserial PRIMARY KEY,
    item_id         text NOT NULL REFERENCES listings ON DELETE CASCADE,
    search_id       bigint REFERENCES saved_searches ON DELETE CASCADE,
    kind            text NOT NULL CHECK (kind IN ('new', 'price_changed', 'ended', 'relisted')),
    old_total       numeric(14,2),
    new_total       numeric(14,2),
    currency        text,
    run_id          bigint,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX listing_events_item_idx ON listing_events (item_id, created_at);
CREATE INDEX listing_events_search_idx ON listing_events (search_id, created_at);

-- Scan runs, one row per search per pass.
CREATE TABLE scan_runs (
    id              bigserial PRIMARY KEY,
    search_id       bigint NOT NULL REFERENCES saved_searches ON DELETE CASCADE,
    worker          text,
    started_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    status          text NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'ok', 'warning', 'failed', 'quota', 'partial')),
    calls           integer NOT NULL DEFAULT 0,
    items_seen      integer NOT NULL DEFAULT 0,
    items_new       integer NOT NULL DEFAULT 0,
    price_changes   integer NOT NULL DEFAULT 0,
    ended           integer NOT NULL DEFAULT 0,
    error           text
);
CREATE INDEX scan_runs_search_idx ON scan_runs (search_id, started_at DESC);

-- Alerts and their delivery ------------------------------------------------

-- One alert per user, listing and event, naming every search it matched.
CREATE TABLE alerts (
    id              bigserial PRIMARY KEY,
    user_id         bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    item_id         text REFERENCES listings ON DELETE SET NULL,
    kind            text NOT NULL CHECK (kind IN ('new_match', 'price_range', 'auction_ending', 'test')),
    event_key       text NOT NULL,              -- dedupe: e.g. price level, auction end
    search_ids      bigint[] NOT NULL DEFAULT '{}',
    payload         jsonb NOT NULL,             -- the facts, frozen at alert time
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, item_id, kind, event_key)
);
CREATE INDEX alerts_user_idx ON alerts (user_id, created_at DESC);

-- Per-rule memory (price_range hysteresis: inside or outside the range).
CREATE TABLE alert_state (
    rule_id         bigint NOT NULL REFERENCES alert_rules ON DELETE CASCADE,
    item_id         text NOT NULL REFERENCES listings ON DELETE CASCADE,
    inside          boolean NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (rule_id, item_id)
);

-- The outbox: one row per alert and channel, written with the facts.
CREATE TABLE outbox (
    id              bigserial PRIMARY KEY,
    alert_id        bigint NOT NULL REFERENCES alerts ON DELETE CASCADE,
    channel_id      bigint NOT NULL REFERENCES channels ON DELETE CASCADE,
    state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
    attempts        integer NOT NULL DEFAULT 0,
    not_before      timestamptz NOT NULL DEFAULT now(),   -- digest time or retry backoff
    lease_until     timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    delivery_id     bigint,
    UNIQUE (alert_id, channel_id)
);
CREATE INDEX outbox_pending_idx ON outbox (channel_id, not_before) WHERE state = 'pending';

-- Every delivery attempt with the receiver's real answer.
CREATE TABLE deliveries (
    id              bigserial PRIMARY KEY,
    channel_id      bigint NOT NULL REFERENCES channels ON DELETE CASCADE,
    attempted_at    timestamptz NOT NULL DEFAULT now(),
    alerts          integer NOT NULL DEFAULT 0,
    ok              boolean NOT NULL,
    http_status     integer,
    response        text,                       -- capped
    error           text,
    is_test         boolean NOT NULL DEFAULT false
);
CREATE INDEX deliveries_channel_idx ON deliveries (channel_id, attempted_at DESC);

-- eBay -----------------------------------------------------------------------

-- The one application token, shared by every process (SELECT ... FOR UPDATE
-- on the row serialises minting).
CREATE TABLE ebay_tokens (
    api_base        text NOT NULL,
    client_id       text NOT NULL,
    access_token    text,                       -- secret
    expires_at      timestamptz,
    minted_at       timestamptz,
    mint_count_day  date,
    mint_count      integer NOT NULL DEFAULT 0,
    PRIMARY KEY (api_base, client_id)
);

-- Browse calls per eBay day (midnight America/Los_Angeles) and source.
CREATE TABLE ebay_calls (
    day             date NOT NULL,
    source          text NOT NULL CHECK (source IN ('web', 'worker')),
    calls           integer NOT NULL DEFAULT 0,
    PRIMARY KEY (day, source)
);

-- Quota state: a 429 (errorId 2001) blocks every call until the reset.
CREATE TABLE ebay_quota (
    id              boolean PRIMARY KEY DEFAULT true CHECK (id),
    blocked_until   timestamptz,
    blocked_reason  text,
    remote_count    integer,                    -- from the rate_limit API, when read
    remote_limit    integer,
    remote_reset    timestamptz,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
INSERT INTO ebay_quota (id) VALUES (true);

-- The web's short cache of live search results.
CREATE TABLE search_cache (
    cache_key       text PRIMARY KEY,           -- SHA-256 of the normalised request
    fetched_at      timestamptz NOT NULL DEFAULT now(),
    body            jsonb NOT NULL,             -- the parsed page, as served
    problem         text                        -- warnings eBay returned
);
CREATE INDEX search_cache_fetched_idx ON search_cache (fetched_at);

-- eBay Marketplace Account Deletion notifications: acknowledged on receipt,
-- processed (that user's data deleted) right after.
CREATE TABLE ebay_deletions (
    notification_id text PRIMARY KEY,
    username        text,
    user_id         text,
    received_at     timestamptz NOT NULL DEFAULT now(),
    processed_at    timestamptz
);
