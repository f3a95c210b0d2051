-- What curation needs, replicated from other services' events only.
create table subscription_replica (
    member_id       uuid primary key,
    subscription_id uuid        not null,
    plan_id         text        not null,
    items_per_box   integer     not null,
    status          text        not null check (status in ('ACTIVE', 'PAUSED', 'CANCELLED')),
    paused_until    text,
    skipped_cycles  jsonb       not null default '[]',
    updated_at      timestamptz not null
);

-- Sensitive (allergens, religious diets): from member-preferences, which only this service reads.
create table preference_replica (
    member_id           uuid primary key,
    allergens           jsonb       not null,
    dietary_tags        jsonb       not null,
    liked_categories    jsonb       not null,
    disliked_categories jsonb       not null,
    updated_at          timestamptz not null
);

create table catalogue_product (
    product_id   uuid primary key,
    brand_id     uuid        not null,
    brand_name   text        not null,
    sku          text        not null,
    name         text        not null,
    category     text        not null,
    allergens    jsonb       not null,
    may_contain  jsonb       not null,
    dietary_tags jsonb       not null,
    stock        integer     not null,
    status       text        not null,
    updated_at   timestamptz not null
);

create table campaign_replica (
    campaign_id uuid primary key,
    brand_id    uuid    not null,
    product_id  uuid    not null,
    cycle       text    not null,
    units       integer not null,
    max_per_box integer not null
);
create index campaign_replica_cycle on campaign_replica (cycle);

create table member_rating (
    member_id  uuid        not null,
    product_id uuid        not null,
    stars      integer     not null,
    rated_at   timestamptz not null,
    primary key (member_id, product_id)
);
