-- A member's one-time add-ons to their open box: extra units of a product, at the unit price quoted when added,
-- charged with the box when it ships (BoxShipped.addOns). One row per product; removed with the box's withdrawal.
create table box_add_on (
    box_id           uuid    not null references box (id) on delete cascade,
    position         integer not null,
    product_id       uuid    not null,
    sku              text    not null,
    name             text    not null,
    brand_name       text    not null,
    quantity         integer not null check (quantity > 0),
    unit_price_cents bigint  not null check (unit_price_cents >= 0),
    primary key (box_id, position)
);
create index box_add_on_product on box_add_on (product_id);
