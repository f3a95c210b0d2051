-- The day until which a member keeps the price they joined the plan at (SubscriptionStarted/PlanChanged
-- priceHeldUntil): a box of a cycle starting before it costs subscription_replica.price_cents, whatever the plan's
-- announced prices. Null: none held.
alter table subscription_replica add column price_held_until date;
