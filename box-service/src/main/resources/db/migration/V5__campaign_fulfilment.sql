-- Per brand: units committed to campaigns for the run's cycle, and units placed as sponsored items.
alter table curation_run add column campaign_fulfilment jsonb not null default '{}';
