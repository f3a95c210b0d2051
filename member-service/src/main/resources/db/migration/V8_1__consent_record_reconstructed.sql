-- Subscriptions started before records of consent existed (V7) have none. Each gets one SUBSCRIBE record,
-- reconstructed from what the database knows, and marked as such: channel RECONSTRUCTED and terms_version
-- 'reconstructed', because what the member was shown at sign-up was never recorded. It is dated when the subscription
-- started, names the plan the subscription is on (a plan change before V7 left no trace) at that plan's price on the
-- day it started (the latest announced change in effect then, else the plan's base price), and the first cycle a
-- sign-up that day got a box for. From then on the subscription takes part in the acceptance of price changes like any
-- other.
alter table consent_record drop constraint consent_record_channel_check;
alter table consent_record add constraint consent_record_channel_check
    check (channel in ('API', 'WEB', 'OPS', 'NOTICE', 'RECONSTRUCTED'));

insert into consent_record (id, member_id, member_key, subscription_id, action, plan_id, price_cents, currency,
                            billing_cycle, first_cycle, terms_version, terms_text, channel, actor_id, recorded_at)
select gen_random_uuid(),
       s.member_id,
       encode(sha256(convert_to(s.member_id::text, 'UTF8')), 'hex'),
       s.id,
       'SUBSCRIBE',
       s.plan_id,
       coalesce((select c.new_price_cents
                 from plan_price_change c
                 where c.plan_id = s.plan_id and c.effective_on <= (s.started_at at time zone 'UTC')::date
                 order by c.effective_on desc
                 limit 1), p.price_cents),
       p.currency,
       'MONTHLY',
       to_char((s.started_at at time zone 'UTC') + interval '1 month', 'YYYY-MM'),
       'reconstructed',
       'Reconstructed from the subscription as stored: it started before records of consent were kept, so what the '
           || 'member was shown at sign-up is not known. Plan: the one the subscription was on when reconstructed; '
           || 'price: that plan''s price on the day the subscription started.',
       'RECONSTRUCTED',
       null,
       s.started_at
from subscription s
         join plan p on p.id = s.plan_id
where not exists (select 1 from consent_record r where r.subscription_id = s.id);
