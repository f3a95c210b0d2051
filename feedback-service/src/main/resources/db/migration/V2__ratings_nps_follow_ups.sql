alter table member_replica
    add column surveys boolean not null default true,
    add column plan_id text;

-- Delivered boxes and their items, from box-service: what a member may rate.
create table delivered_box (
    box_id       uuid primary key,
    member_id    uuid        not null,
    cycle        text        not null,
    delivered_at timestamptz not null
);
create index delivered_box_member on delivered_box (member_id);

create table delivered_item (
    box_id     uuid not null references delivered_box (box_id) on delete cascade,
    product_id uuid not null,
    brand_id   uuid not null,
    sku        text not null,
    name       text not null,
    primary key (box_id, product_id)
);

-- rater_ref is the member id until the member is erased, then a random id: counts of distinct raters stay right.
create table rating (
    id         uuid primary key,
    member_id  uuid,
    rater_ref  uuid        not null,
    box_id     uuid        not null,
    product_id uuid        not null,
    brand_id   uuid        not null,
    sku        text        not null,
    cycle      text        not null,
    stars      integer     not null check (stars between 1 and 5),
    comment    text,
    rated_at   timestamptz not null,
    unique (box_id, product_id)
);
create index rating_member on rating (member_id);
create index rating_brand on rating (brand_id, cycle);

create table nps_response (
    id          uuid primary key,
    member_id   uuid,
    score       integer     not null check (score between 0 and 10),
    comment     text,
    plan_id     text,
    answered_at timestamptz not null
);
create index nps_response_time on nps_response (answered_at);
create index nps_response_member on nps_response (member_id, answered_at);

create table follow_up (
    id          uuid primary key,
    response_id uuid        not null references nps_response (id),
    member_id   uuid,
    score       integer     not null,
    comment     text,
    plan_id     text,
    opened_at   timestamptz not null,
    due_at      timestamptz not null,
    status      text        not null check (status in ('OPEN', 'CLOSED')),
    closed_at   timestamptz,
    note        text,
    version     bigint      not null default 0
);
create index follow_up_status on follow_up (status, due_at);
