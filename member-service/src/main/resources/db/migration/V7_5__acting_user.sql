-- Who moved money: the ops user (the identity provider's user id, the token's subject) who granted a credit or
-- announced a price change. Null for entries booked from events (a box shipped, a credit from box-service) and for
-- what was recorded before this column.
alter table ledger_entry add column acted_by text;
alter table plan_price_change add column announced_by text;
