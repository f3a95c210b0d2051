-- A member's preferences version: 1 at registration, one more per change. Subscription events carry it, and
-- box-service curates a member only once it holds preferences at least that new.
alter table member add column preferences_version bigint not null default 1;

-- Members who signed up before versions existed have version 1 now. Announce their current profile as version 1,
-- through the outbox in this same migration, so box-service holds the version the next subscription event names
-- instead of waiting for a change that may never come. (The envelope is the one EventCodec writes.)
with announced as (
    select m.*, gen_random_uuid() as event_id,
           to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
    from member m
)
insert into outbox_event (event_id, topic, message_key, event_type, envelope, created_at)
select event_id, 'member-preferences', id::text, 'MemberPreferencesChanged',
       jsonb_build_object(
           'specversion', '1.0',
           'id', event_id,
           'type', 'MemberPreferencesChanged',
           'source', '/member-service',
           'subject', id::text,
           'time', at,
           'dataschema', 'urn:dcbeacon:event:MemberPreferencesChanged:v1',
           'datacontenttype', 'application/json',
           'data', jsonb_build_object(
               'memberId', id,
               'allergens', allergens,
               'dietaryTags', dietary_tags,
               'likedCategories', liked_categories,
               'dislikedCategories', disliked_categories,
               'sensitiveDataConsent', sensitive_data_consent,
               'changedAt', at,
               'version', 1))::text,
       now()
from announced
order by registered_at, id;
