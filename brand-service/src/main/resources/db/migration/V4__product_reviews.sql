-- A product is under review while box-service has an open review of it (a member's allergen concern).
alter table product
    add column under_review     boolean not null default false,
    add column review_opened_at timestamptz;

-- Only the times: no member data and not the report's words.
create table product_review (
    review_id  uuid primary key,
    product_id uuid not null references product (id),
    opened_at  timestamptz,
    cleared_at timestamptz
);
create index product_review_open on product_review (product_id) where cleared_at is null;
