-- Store Uptime schema, version 5: planned closures (a holiday, a renovation), local wall-clock time taken out of a
-- store's business time: neither uptime nor downtime, and polls inside it do not count. Apply it like V1.

-- One row per closure, identified by its store and its bounds: importing the same closure again is a duplicate
-- and keeps the first reason. store_id '*' closes every store, each in its own zone, so the bounds are local
-- times (timestamp without time zone) and become instants only for a store's zone, when a report runs. Closures
-- do not create stores: a closure of a store without any other row changes no report. The bounds are those of
-- closures.csv, at most to the second; an end not after its start is refused here as the import refuses it.
CREATE TABLE store_closure (
    store_id    varchar COLLATE "C" NOT NULL,
    start_local timestamp NOT NULL,
    end_local   timestamp NOT NULL,
    reason      varchar NOT NULL,
    CONSTRAINT store_closure_pk PRIMARY KEY (store_id, start_local, end_local),
    CONSTRAINT store_closure_bounds_ck CHECK (end_local > start_local)
);
