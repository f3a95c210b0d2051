-- Who shipped a box: the warehouse user's stable id at the identity provider (the token's subject). Null for boxes
-- shipped before it was recorded, and for boxes not shipped.
alter table box add column shipped_by text;
