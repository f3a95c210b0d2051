alter table subscription_replica add column price_cents bigint not null default 0;

create table curation_run (
    id              uuid primary key,
    cycle           text        not null,
    status          text        not null check (status in ('RUNNING', 'DONE', 'FAILED')),
    members_total   integer     not null default 0,
    members_done    integer     not null default 0,
    boxes_curated   integer     not null default 0,
    members_skipped jsonb       not null default '{}',
    unfilled_slots  integer     not null default 0,
    failure         text,
    started_at      timestamptz not null,
    finished_at     timestamptz
);

create table box (
    id              uuid primary key,
    member_id       uuid        not null,
    cycle           text        not null,
    status          text        not null check (status in ('CURATED', 'PACKED', 'SHIPPED', 'DELIVERED')),
    price_cents     bigint      not null,
    tracking_number text,
    curated_at      timestamptz not null,
    packed_at       timestamptz,
    shipped_at      timestamptz,
    delivered_at    timestamptz,
    version         bigint      not null default 0,
    -- re-running a cycle never gives anyone a second box
    unique (member_id, cycle)
);

create table box_item (
    box_id     uuid    not null references box (id) on delete cascade,
    position   integer not null,
    product_id uuid    not null,
    brand_id   uuid    not null,
    brand_name text    not null,
    sku        text    not null,
    name       text    not null,
    category   text    not null,
    reason     text    not null,
    sponsored  boolean not null,
    primary key (box_id, position)
);
create index box_item_product on box_item (product_id);
