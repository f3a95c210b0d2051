-- An erased member's accounts at the identity provider, to be deleted there by AccountLinks: the account that signed
-- the member up (its sub, when recorded) and any account an administrator linked to the member (member_id attribute).
-- Recorded in the erasure's transaction, retried until the provider took it, then the row is deleted: nothing of the
-- member stays here once the accounts are gone.
create table account_erasure (
    member_id       uuid primary key,
    account_subject text,
    created_at      timestamptz not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text
);
create index account_erasure_due on account_erasure (next_attempt_at);
