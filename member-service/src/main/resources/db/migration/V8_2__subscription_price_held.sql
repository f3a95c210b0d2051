-- A member who joins a plan (sign-up, reactivation, plan change) while a price change of it is announced less than
-- 30 days ahead is told of it at once and keeps the price they joined at, held_price_cents, for every box of a cycle
-- starting before price_held_until (30 days after joining); both null when no price is held.
alter table subscription
    add column price_held_until date,
    add column held_price_cents bigint check (held_price_cents >= 0);
