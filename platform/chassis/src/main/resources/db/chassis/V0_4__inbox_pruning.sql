-- The inbox is pruned by age (InboxPruning).
create index processed_event_age on processed_event (processed_at);
