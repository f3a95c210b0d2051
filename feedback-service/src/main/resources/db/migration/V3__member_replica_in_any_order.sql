-- A subscription or communication event may be applied before the member's registration (another consumer group's
-- lag, a replay of a dead letter): the replica row is created by whichever event comes first, and the registration
-- fills in country and registration time when it arrives.
alter table member_replica alter column country drop not null;
alter table member_replica alter column registered_at drop not null;
