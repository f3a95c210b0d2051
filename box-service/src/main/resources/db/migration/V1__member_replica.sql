-- Members as box-service knows them, from MemberRegistered events only.
create table member_replica (
    member_id     uuid primary key,
    country       char(2)     not null,
    registered_at timestamptz not null,
    replicated_at timestamptz not null
);
