create table brand (
    id            uuid primary key,
    name          text        not null,
    contact_email text        not null,
    onboarded_at  timestamptz not null
);

create unique index brand_name_unique on brand (lower(name));
