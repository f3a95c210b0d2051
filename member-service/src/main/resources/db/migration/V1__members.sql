create table member (
    id                   uuid primary key,
    email                text        not null,
    name                 text        not null,
    address_line1        text        not null,
    address_line2        text,
    address_city         text        not null,
    address_postal_code  text        not null,
    address_country      char(2)     not null,
    registered_at        timestamptz not null
);

-- One account per e-mail address, whatever its case.
create unique index member_email_unique on member (lower(email));
