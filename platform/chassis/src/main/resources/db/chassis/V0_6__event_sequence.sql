-- Per-aggregate order (docs/messaging.md, "Order per aggregate"). Subjects are kept as a SHA-256 (subject_ref), never
-- as the member id itself.

-- Producer side: the last sequence given to an event of a subject on a topic.
create table outbox_sequence (
    topic         text   not null,
    subject_ref   text   not null,
    last_sequence bigint not null,
    primary key (topic, subject_ref)
);

-- Consumer side: the last sequence applied per consumer, topic, producing service and subject.
create table inbox_sequence (
    consumer      text        not null,
    topic         text        not null,
    source        text        not null,
    subject_ref   text        not null,
    last_sequence bigint      not null,
    updated_at    timestamptz not null,
    primary key (consumer, topic, source, subject_ref)
);

-- Events that arrived before their predecessor: parked until it is applied (then they follow in order), or until ops
-- release the subject. Deleted with the member on erasure.
create table inbox_parked (
    consumer   text        not null,
    topic      text        not null,
    source     text        not null,
    subject    text        not null,
    sequence   bigint      not null,
    event_id   uuid        not null,
    event_type text        not null,
    envelope   text        not null,
    parked_at  timestamptz not null,
    error      text,
    primary key (consumer, topic, source, subject, sequence)
);
