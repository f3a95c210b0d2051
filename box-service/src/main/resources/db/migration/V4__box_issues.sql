create table box_issue (
    id           uuid primary key,
    box_id       uuid        not null references box (id) on delete cascade,
    member_id    uuid        not null,
    type         text        not null check (type in ('DAMAGED', 'MISSING_ITEMS', 'WRONG_ITEMS', 'ALLERGEN_CONCERN', 'RECALL')),
    product_ids  jsonb       not null default '[]',
    note         text,
    credit_cents bigint      not null,
    created_at   timestamptz not null,
    -- one credit per box and type, however often it is reported
    unique (box_id, type)
);
create index box_issue_type on box_issue (type, created_at);
