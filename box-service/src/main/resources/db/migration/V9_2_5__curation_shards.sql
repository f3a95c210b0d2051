-- A curation run split among replicas: the plan (each shard's members, by a range of member ids, and its share of
-- every product's stock and campaign units) is written with the run; replicas claim shards under their own lease.
-- The leftover shard runs after all others, over the units they left, for members they left without a box.
create table curation_shard (
    id uuid primary key,
    run_id uuid not null references curation_run (id),
    shard integer not null,
    leftover boolean not null,
    member_from uuid,
    member_to uuid,
    status text not null,
    owner text,
    heartbeat_at timestamptz,
    attempts integer not null default 0,
    members_total integer not null,
    stock_share jsonb not null,
    campaign_share jsonb not null,
    stock_used jsonb not null,
    sponsored_used jsonb not null,
    pages_committed integer not null default 0,
    members_done integer not null default 0,
    boxes_curated integer not null default 0,
    unfilled_slots integer not null default 0,
    members_boxless integer not null default 0,
    members_skipped jsonb not null,
    unique (run_id, shard)
);
create index curation_shard_open on curation_shard (status) where status <> 'DONE';
