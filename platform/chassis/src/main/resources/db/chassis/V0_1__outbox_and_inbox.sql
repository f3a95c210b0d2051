-- Chassis tables, present in every service database.
create table outbox_event (
    id          bigint generated always as identity primary key,
    event_id    uuid        not null unique,
    topic       text        not null,
    message_key text        not null,
    event_type  text        not null,
    envelope    text        not null,
    created_at  timestamptz not null
);

create table processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    event_type   text        not null,
    processed_at timestamptz not null,
    primary key (consumer, event_id)
);
