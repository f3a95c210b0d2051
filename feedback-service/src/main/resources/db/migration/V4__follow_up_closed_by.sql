-- Who closed a follow-up: the ops user's stable id at the identity provider (the token's subject). Null for follow-ups
-- closed before it was recorded.
alter table follow_up add column closed_by text;
