-- The box a preview is about (BOX_PREVIEW: as curated; BOX_CHANGED: after box-service changed its contents), so every
-- preview of a box still waiting for its mail is dropped together when the box ships, is withdrawn, or changes again;
-- and the revision of the box's contents it shows (0: as curated), the one BoxShipped names.
alter table notification add column box_id uuid;
alter table notification add column box_revision integer;
update notification set box_id = source_id, box_revision = 0 where kind = 'BOX_PREVIEW';
create index notification_box on notification (box_id) where box_id is not null;
