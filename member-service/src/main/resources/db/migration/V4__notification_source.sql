-- What a notification is about (e.g. the box it tells of), so an event redelivered under a new id tells the
-- member once. A box that shipped after the member's change is recorded here too: it is decided once.
alter table notification add column source_id uuid;
create unique index notification_once_per_source on notification (kind, source_id) where source_id is not null;
