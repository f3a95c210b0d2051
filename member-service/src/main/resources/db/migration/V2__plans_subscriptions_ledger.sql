-- Plans: one all-in price each (shipping included).
create table plan (
    id            text primary key,
    name          text    not null,
    items_per_box integer not null check (items_per_box > 0),
    price_cents   bigint  not null check (price_cents >= 0),
    currency      char(3) not null
);

insert into plan (id, name, items_per_box, price_cents, currency) values
    ('taster',  'Taster',       4, 1499, 'EUR'),
    ('classic', 'Classic',      8, 2499, 'EUR'),
    ('office',  'Office crate', 20, 5499, 'EUR');

-- Announced price changes; the price on a day is the latest change effective on or before it.
create table plan_price_change (
    id              uuid primary key,
    plan_id         text        not null references plan (id),
    new_price_cents bigint      not null check (new_price_cents >= 0),
    effective_on    date        not null,
    announced_at    timestamptz not null,
    unique (plan_id, effective_on)
);

alter table member
    add column allergens              jsonb   not null default '[]',
    add column dietary_tags           jsonb   not null default '[]',
    add column liked_categories       jsonb   not null default '[]',
    add column disliked_categories    jsonb   not null default '[]',
    add column sensitive_data_consent boolean not null default false,
    add column marketing_emails       boolean not null default false,
    add column surveys                boolean not null default true,
    add column version                bigint  not null default 0;

create table subscription (
    id              uuid primary key,
    member_id       uuid        not null references member (id) on delete cascade,
    plan_id         text        not null references plan (id),
    status          text        not null check (status in ('ACTIVE', 'PAUSED', 'CANCELLED')),
    paused_until    text,
    skipped_cycles  jsonb       not null default '[]',
    started_at      timestamptz not null,
    cancelled_at    timestamptz,
    cancel_reason   text,
    confirmation_id uuid,
    version         bigint      not null default 0
);
-- At most one open subscription per member, even under concurrent requests.
create unique index subscription_one_open on subscription (member_id) where status <> 'CANCELLED';

create table ledger_entry (
    id           uuid primary key,
    member_id    uuid        not null,
    type         text        not null check (type in ('CHARGE', 'CREDIT')),
    amount_cents bigint      not null check (amount_cents > 0),
    reason       text        not null,
    box_id       uuid,
    source_id    uuid        not null,
    at           timestamptz not null,
    -- a box is charged once and a credit booked once, however often the event arrives
    unique (type, source_id)
);
create index ledger_entry_member on ledger_entry (member_id, at);

create table notification (
    id         uuid primary key,
    member_id  uuid        not null references member (id) on delete cascade,
    kind       text        not null,
    message    text        not null,
    created_at timestamptz not null
);
create index notification_member on notification (member_id, created_at);

create table data_export (
    id             uuid primary key,
    member_id      uuid        not null,
    requested_at   timestamptz not null,
    completed_at   timestamptz,
    member_section jsonb       not null,
    parts          jsonb       not null default '{}',
    version        bigint      not null default 0
);
create index data_export_member on data_export (member_id);

-- Auditable record of erasures without personal data: the member is referenced by a hash only.
create table erasure_request (
    id           uuid primary key,
    member_ref   text        not null,
    requested_at timestamptz not null,
    completed_at timestamptz,
    services     jsonb       not null,
    version      bigint      not null default 0
);
create index erasure_request_member on erasure_request (member_ref);
