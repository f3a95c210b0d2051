-- Fail closed on allergens: box-service curates, swaps or packs for a member only with preferences at least as new
-- as those member-service had when it wrote the member's latest subscription event.
alter table preference_replica add column version bigint not null default 0;
alter table subscription_replica add column preferences_version_required bigint not null default 0;
alter table subscription_replica add column currency char(3) not null default 'EUR';

-- Announced plan prices, so a box is priced for its own cycle (the member keeps the old price until the change applies).
create table plan_price_replica (
    plan_id         text    not null,
    effective_on    date    not null,
    new_price_cents bigint  not null,
    currency        char(3) not null,
    primary key (plan_id, effective_on)
);

-- A box carries what it was curated for, and may be withdrawn while not yet shipped.
alter table box add column subscription_id uuid;
alter table box add column plan_id text;
alter table box add column currency char(3) not null default 'EUR';
alter table box add column withdrawn_at timestamptz;
alter table box add column withdrawal_reason text;
alter table box drop constraint box_status_check;
alter table box add constraint box_status_check check (status in ('CURATED', 'PACKED', 'SHIPPED', 'DELIVERED', 'WITHDRAWN'));
-- One live box per member and cycle; a withdrawn box does not block a new one if the member wants the cycle again.
alter table box drop constraint box_member_id_cycle_key;
create unique index box_one_live_per_cycle on box (member_id, cycle) where status <> 'WITHDRAWN';

-- Stock deltas published to brand-service and not yet confirmed by its ProductStockChanged (appliedDelta).
-- Local stock = brand stock as last announced - the sum of these (allocations positive, releases negative).
create table stock_delta_pending (
    delta_id   uuid primary key,
    product_id uuid        not null,
    units      integer     not null,
    created_at timestamptz not null
);
create index stock_delta_pending_product on stock_delta_pending (product_id);
alter table catalogue_product add column brand_stock integer;
update catalogue_product set brand_stock = stock;
alter table catalogue_product alter column brand_stock set not null;

-- Products under review after a member's allergen concern: out of open boxes and curation until ops clear them.
alter table catalogue_product add column under_review boolean not null default false;
create table product_review (
    id         uuid primary key,
    product_id uuid        not null,
    brand_id   uuid        not null,
    box_id     uuid        not null,
    reason     text        not null,
    opened_at  timestamptz not null,
    cleared_at timestamptz,
    cleared_by text
);
create index product_review_open on product_review (product_id) where cleared_at is null;
