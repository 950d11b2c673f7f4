-- eBay's notification public keys (X-EBAY-SIGNATURE, lib/ebay-sig.c),
-- cached about an hour and shared by every process.  pem is NULL for a
-- kid eBay said it does not know (so a replayed bad kid costs no call).
CREATE TABLE ebay_notification_keys (
    api_base        text NOT NULL,
    kid             text NOT NULL,
    pem             text,
    digest          text,
    fetched_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (api_base, kid)
);
CREATE INDEX ebay_notification_keys_fetched_idx
    ON ebay_notification_keys (api_base, fetched_at);

-- Account deletion scrubs a seller from frozen alert payloads.
CREATE INDEX alerts_payload_seller_idx ON alerts (lower(payload->>'seller'))
    WHERE payload ? 'seller';
