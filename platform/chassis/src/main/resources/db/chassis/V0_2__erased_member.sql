-- Erasure is final: a tombstone per erased member (a SHA-256 of the member id, not the id itself), so events about the
-- member that were still in flight when they were erased are dropped instead of re-creating their data.
create table erased_member (
    member_ref text primary key,
    erased_at  timestamptz not null
);
