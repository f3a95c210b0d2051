-- Where the replay of a dead-letter topic stands, per partition (DeadLetterReplay). next_offset: the first record not
-- applied yet (a record that still fails keeps it there); read_offset: how far earlier replays read, so a record after
-- a still-failing one that is read again is not counted again.
create table dead_letter_replay (
    topic       text        not null,
    partition   integer     not null,
    next_offset bigint      not null,
    read_offset bigint      not null,
    replayed_at timestamptz not null,
    primary key (topic, partition)
);
