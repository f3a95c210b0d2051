-- Every notification is also sent as an e-mail: the row is the outbox of its mail. A scheduled sender picks pending
-- rows (for update skip locked), sends, and records the outcome in the same transaction.
alter table notification
    add column mail_status          text        not null default 'PENDING',
    add column mail_attempts        integer     not null default 0,
    add column mail_next_attempt_at timestamptz,
    add column mail_last_error      text,
    add column mail_sent_at         timestamptz,
    add column mail_not_sent_reason text;

-- Notices written before there was e-mail were read in the portal; mailing them now would be late news.
update notification set mail_status = 'NOT_SENT', mail_not_sent_reason = 'CREATED_BEFORE_MAIL';

create index notification_mail_pending on notification (mail_next_attempt_at, created_at) where mail_status = 'PENDING';
