-- A curation run holds a lease: the instance running it beats its heart; a run whose heart stopped (its pod was killed)
-- is taken over and finished by another instance or the restarted one. At most one run per cycle is running.
alter table curation_run add column owner text;
alter table curation_run add column heartbeat_at timestamptz;
alter table curation_run add column attempts integer not null default 1;
update curation_run set status = 'FAILED', failure = 'interrupted before runs held leases', finished_at = now()
    where status = 'RUNNING';
create unique index curation_run_one_running_per_cycle on curation_run (cycle) where status = 'RUNNING';
