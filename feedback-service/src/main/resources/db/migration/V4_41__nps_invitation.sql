-- Every invitation to the NPS survey: it counts toward the 90-day cap like an answer. Deleted with the member on erasure.
create table nps_invitation (
    id         uuid primary key,
    member_id  uuid        not null,
    box_id     uuid        not null,
    invited_at timestamptz not null
);
create index nps_invitation_member on nps_invitation (member_id, invited_at);
