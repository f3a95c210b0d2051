-- Units box-service allocated beyond the stock; releases pay them back before the stock rises (StockLevel).
alter table product add column oversold_units integer not null default 0 check (oversold_units >= 0);
