create table product (
    id              uuid primary key,
    brand_id        uuid        not null references brand (id),
    sku             text        not null,
    name            text        not null,
    category        text        not null,
    description     text,
    ingredients     jsonb       not null,
    allergens       jsonb       not null,
    may_contain     jsonb       not null,
    dietary_tags    jsonb       not null,
    unit_cost_cents bigint      not null check (unit_cost_cents >= 0),
    weight_grams    integer     not null check (weight_grams > 0),
    stock           integer     not null check (stock >= 0),
    status          text        not null check (status in ('PUBLISHED', 'RETIRED', 'RECALLED')),
    recall_reason   text,
    -- hash of the brand-supplied fields: a re-upload of the same data is recognised as unchanged
    content_hash    text        not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    version         bigint      not null default 0,
    unique (brand_id, sku)
);
create index product_brand_status on product (brand_id, status, category);

create table campaign (
    id          uuid primary key,
    brand_id    uuid        not null references brand (id),
    product_id  uuid        not null references product (id),
    sku         text        not null,
    cycle       text        not null,
    units       integer     not null check (units > 0),
    max_per_box integer     not null check (max_per_box > 0),
    created_at  timestamptz not null
);
create index campaign_brand on campaign (brand_id, cycle);
