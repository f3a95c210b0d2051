-- The box a preview is about (BOX_PREVIEW: as curated; BOX_CHANGED: after box-service changed its contents), so every
-- preview of a box still waiting for its mail is dropped together when the box ships, is withdrawn, or changes again.
alter table notification add column box_id uuid;
update notification set box_id = source_id where kind = 'BOX_PREVIEW';
create index notification_box on notification (box_id) where box_id is not null;
