-- Outbox rows Kafka refused for good (record too large, topic or ACL missing): parked with the error so the rest of the
-- stream goes on; later rows of the same key wait here behind them, so per-aggregate order holds when they are re-sent.
create table outbox_parked (
    id          bigint primary key,
    event_id    uuid        not null unique,
    topic       text        not null,
    message_key text        not null,
    event_type  text        not null,
    envelope    text        not null,
    created_at  timestamptz not null,
    parked_at   timestamptz not null,
    error       text        not null
);
create index outbox_parked_key on outbox_parked (topic, message_key);
