-- Records of consent: what a member was shown and agreed to for each action that changes what they are charged
-- (sign-up to a plan, plan change, acceptance of a price change, cancellation, reactivation). Kept at least three
-- years (dcbeacon.consent.retention); on erasure only the pseudonymised part stays (member_id, subscription_id and
-- the member's own actor_id are cleared; member_key, a SHA-256 hash of the member id, stays).
create table consent_record (
    id              uuid primary key,
    member_id       uuid,
    member_key      text        not null,
    subscription_id uuid,
    action          text        not null check (action in ('SUBSCRIBE', 'PLAN_CHANGE', 'PRICE_CHANGE_ACCEPTED', 'CANCEL', 'REACTIVATE')),
    plan_id         text        not null,
    price_cents     bigint      not null check (price_cents >= 0),
    currency        char(3)     not null,
    billing_cycle   text        not null,
    first_cycle     text,
    terms_version   text        not null,
    terms_text      text        not null,
    channel         text        not null check (channel in ('API', 'WEB', 'OPS', 'NOTICE')),
    actor_id        text,
    recorded_at     timestamptz not null,
    -- The price change a PRICE_CHANGE_ACCEPTED record is about: one acceptance per subscription and change.
    source_id       uuid,
    pseudonymised_at timestamptz
);
create index consent_record_member on consent_record (member_id, recorded_at) where member_id is not null;
create index consent_record_member_key on consent_record (member_key, recorded_at);
create index consent_record_recorded_at on consent_record (recorded_at);
create unique index consent_record_acceptance on consent_record (subscription_id, source_id)
    where action = 'PRICE_CHANGE_ACCEPTED';

-- A price change whose acceptances were written (by the job, once per change).
alter table plan_price_change add column acceptances_recorded_at timestamptz;

-- A reactivation starts a new subscription on the cancelled one's plan and names it.
alter table subscription add column reactivated_from uuid;
