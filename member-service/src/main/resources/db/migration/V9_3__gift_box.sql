-- The boxes of a gift's cycles as box-service reported them (BoxCurated: open; BoxShipped, BoxWithdrawn: closed), so
-- GiftJobs never ends a gift's subscription while a box the buyer paid for is still on its way (README "Gifts").
-- Only the box id, the gift and the cycle: nothing of the recipient.
create table gift_box (
    box_id     uuid primary key,
    gift_id    uuid    not null references gift (id),
    cycle      text    not null,
    open       boolean not null
);
create index gift_box_open on gift_box (gift_id) where open;
