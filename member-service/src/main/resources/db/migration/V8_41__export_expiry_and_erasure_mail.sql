-- A completed export can be downloaded until expires_at, then it is deleted; the member is told both by mail.
alter table data_export add column expires_at timestamptz;

-- The one mail that goes after an erasure (its confirmation) has no member to look the address up on: the address is
-- held on its own notification row, without a member id, and wiped once the mail is settled (sent or not).
alter table notification alter column member_id drop not null;
alter table notification add column mail_to text;
