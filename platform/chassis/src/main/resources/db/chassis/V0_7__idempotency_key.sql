-- Requests that move money carry an Idempotency-Key (IdempotentRequests): the first request with a key runs and its
-- answer is kept here, in the same transaction as its effect; a retry with the same key gets the kept answer. Keys are
-- per acting user and operation, so two users cannot collide. request_hash: SHA-256 of the request, so a key reused for
-- another request is refused.
create table idempotency_key (
    operation     text        not null,
    actor         text        not null,
    key           text        not null,
    request_hash  text        not null,
    status        integer,
    response      text,
    created_at    timestamptz not null,
    primary key (operation, actor, key)
);
