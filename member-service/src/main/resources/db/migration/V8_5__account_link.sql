-- The identity provider's account (its user's sub) that signed the member up: one member per account.
alter table member add column account_subject text;
create unique index member_account_subject_unique on member (account_subject);

-- A sign-up's link to its account, recorded with the member and pushed to the provider (its user's member_id
-- attribute) by AccountLinks, retried until the provider took it.
create table account_link (
    member_id       uuid primary key references member (id) on delete cascade,
    account_subject text        not null,
    created_at      timestamptz not null,
    linked_at       timestamptz,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text
);
create index account_link_due on account_link (next_attempt_at) where linked_at is null;
