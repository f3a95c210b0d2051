-- How often box-service changed a box's contents since curation, not at the member's asking (recall, review, an item
-- no longer safe at packing): 0 as curated. BoxShipped carries it, so member-service charges a box only if the preview
-- of the contents that shipped reached the member in time.
alter table box add column contents_revision integer not null default 0;
