-- Gift subscriptions (see README "Gifts"): a member buys N cycles of a plan for someone else, who claims them with a
-- code. The buyer is charged once at purchase; the recipient is never charged for a gift cycle; a gift never renews.
create table gift (
    id               uuid primary key,
    -- Null once the buyer is erased; the gift stays claimable until it expires.
    buyer_id         uuid,
    plan_id          text        not null references plan (id),
    cycles           integer     not null check (cycles between 1 and 12),
    price_cents      bigint      not null check (price_cents >= 0),
    total_cents      bigint      not null check (total_cents >= 0),
    currency         char(3)     not null,
    -- 128 random bits in base32 (26 characters), stored upper case without separators.
    claim_code       text        not null unique,
    status           text        not null check (status in ('UNCLAIMED', 'CLAIMED', 'REFUNDED', 'EXPIRED')),
    purchased_at     timestamptz not null,
    start_cycle      text        not null,
    claim_expires_at timestamptz not null,
    claimed_at       timestamptz,
    -- Null once the recipient is erased.
    recipient_id     uuid,
    subscription_id  uuid,
    first_cycle      text,
    last_cycle       text,
    boxes_shipped    integer     not null default 0,
    refunded_at      timestamptz,
    version          bigint      not null default 0
);
create index gift_buyer on gift (buyer_id, purchased_at);
create index gift_unclaimed_expiry on gift (claim_expires_at) where status = 'UNCLAIMED';

-- A subscription a gift pays for: no box of it is charged, and it ends by itself after gift_last_cycle.
alter table subscription add column gift_id uuid, add column gift_last_cycle text;
create index subscription_gift_open on subscription (gift_last_cycle) where gift_id is not null and status <> 'CANCELLED';

-- A box a gift paid for is booked as COVERED, 0 cents: decided once, like a charge, never charged.
alter table ledger_entry drop constraint ledger_entry_type_check;
alter table ledger_entry add constraint ledger_entry_type_check
    check (type in ('CHARGE', 'CREDIT', 'REVERSAL', 'COVERED'));
alter table ledger_entry drop constraint ledger_entry_amount_cents_check;
alter table ledger_entry add constraint ledger_entry_amount_cents_check
    check (amount_cents > 0 or (type = 'COVERED' and amount_cents = 0));

-- The buyer's consent to a gift's price; source_id names the gift.
alter table consent_record drop constraint consent_record_action_check;
alter table consent_record add constraint consent_record_action_check
    check (action in ('SUBSCRIBE', 'PLAN_CHANGE', 'PRICE_CHANGE_ACCEPTED', 'CANCEL', 'REACTIVATE', 'GIFT_PURCHASE'));
