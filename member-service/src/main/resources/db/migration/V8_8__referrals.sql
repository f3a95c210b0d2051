-- Referral credits (see README "Referrals").

-- Each member's code to share: short, random, upper case, no ambiguous characters; unique whatever its case because it
-- is stored normalised (upper case). Null until first created for members who signed up before referrals existed.
alter table member add column referral_code text;
create unique index member_referral_code on member (referral_code);

-- One referral per person, ever: referee_key is the SHA-256 of the referee's normalised e-mail, kept when either member
-- is erased (their ids are cleared), so a new account of the same person cannot be referred again.
create table referral (
    id                    uuid primary key,
    referrer_id           uuid,
    referee_id            uuid,
    referee_key           text        not null unique,
    status                text        not null check (status in ('PENDING', 'CREDITED', 'REVERSED')),
    referred_at           timestamptz not null,
    qualifying_box_id     uuid,
    credited_at           timestamptz,
    referrer_credit_cents bigint      not null default 0 check (referrer_credit_cents >= 0),
    referee_credit_cents  bigint      not null default 0 check (referee_credit_cents >= 0),
    reversed_at           timestamptz,
    version               bigint      not null default 0
);
create index referral_referrer on referral (referrer_id, referred_at);
create unique index referral_referee on referral (referee_id);

-- A reversal compensates a credit that no longer holds (a referral credit whose first box was credited in full as
-- wrong or missing); it lowers the balance like a charge but is never charged to a card.
alter table ledger_entry drop constraint ledger_entry_type_check;
alter table ledger_entry add constraint ledger_entry_type_check check (type in ('CHARGE', 'CREDIT', 'REVERSAL'));
-- What a credit for a box makes good on (CreditGranted.issueType): WRONG_ITEMS and MISSING_ITEMS credits decide reversals.
alter table ledger_entry add column issue_type text;
