-- Pages of the current attempt of a run whose boxes committed: a page's commit tried again after its first try reached
-- the database (only the acknowledgement was lost) finds its page recorded and writes nothing a second time.
alter table curation_run add column pages_committed integer not null default 0;
