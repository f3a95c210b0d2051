-- Names the current pause, so the reminder that it ends is written once per pause (notification.source_id).
alter table subscription add column pause_id uuid;
update subscription set pause_id = gen_random_uuid() where status = 'PAUSED';
-- The job that resumes ended pauses and reminds of those about to end looks only at pauses with an end.
create index subscription_pause_ends on subscription (paused_until) where status = 'PAUSED' and paused_until is not null;
