-- A curation page's stock deltas are announced to brand-service in bulk (one StockAllocated per product and cycle for
-- many pages), not one per product per page: until then a delta is pending and not yet announced. Rows written before
-- this migration were announced when they were written.
alter table stock_delta_pending add column cycle text;
alter table stock_delta_pending add column announced boolean not null default true;
create index stock_delta_pending_unannounced on stock_delta_pending (product_id) where not announced;
