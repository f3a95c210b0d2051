insert into reference_row (id, name) values (1, 'first');
insert into reference_row (id, name) values (2, 'second');
