-- Store Uptime schema, version 7: each store's poll digest, the few polls from which a report whose windows
-- consider a week or more is computed exactly (see docs/database.md, "The poll digest"). Apply it like V1.
--
-- Of a store's considered polls (inside its business time, outside its planned closures), the digest keeps the
-- first and the last, and every poll whose poll before or after has the other status or lies in another 7-day
-- bucket of the epoch. The import, live writes (polls, hours, zones, closures) and the prune keep it up to date in
-- their own transactions, store by store; any other write to the tables it derives from marks it stale, and the
-- next report rebuilds it (or reads every poll, where its user may not write). A schema upgraded from version 6
-- with polls starts stale: the first report, or `uptime rollups --rebuild`, builds it.

-- One row per kept poll. run_end: the poll ends a run of one status (the first or last poll, or one next to a poll
-- of the other status); the others end a 7-day bucket only, and a report reads those only near its windows' edges.
-- Both are part of the key (INCLUDE), so a report reads the key alone.
CREATE TABLE store_poll_digest (
    store_id      varchar COLLATE "C" NOT NULL,
    timestamp_utc timestamptz NOT NULL,
    active        boolean NOT NULL,
    run_end       boolean NOT NULL,
    CONSTRAINT store_poll_digest_pk PRIMARY KEY (store_id, timestamp_utc)
);

-- Live batches (POST /polls, uptime ingest, PollWriter) do not refresh the digests themselves: each adds here, in its
-- own transaction, the extent of time per store it wrote polls in, and the next report (or uptime rollups) folds
-- them into the digests. A report reads a store with pending extents from its raw polls, so it stays exact; batches
-- do not wait for each other. Plain inserts, no key: concurrent batches never conflict.
CREATE TABLE store_poll_digest_pending (
    store_id varchar COLLATE "C" NOT NULL,
    from_utc timestamptz NOT NULL,
    to_utc   timestamptz NOT NULL
);
CREATE INDEX store_poll_digest_pending_store ON store_poll_digest_pending (store_id);

-- One row: whether store_poll_digest may be out of date.
CREATE TABLE store_poll_digest_state (
    singleton boolean NOT NULL DEFAULT true,
    stale     boolean NOT NULL,
    CONSTRAINT store_poll_digest_state_pk PRIMARY KEY (singleton),
    CONSTRAINT store_poll_digest_state_singleton_ck CHECK (singleton)
);

-- [jooq ignore start]
-- The build's DDL reader (H2) does not know INCLUDE; the key's columns, all jOOQ needs, are those above.
ALTER TABLE store_poll_digest
    DROP CONSTRAINT store_poll_digest_pk,
    ADD CONSTRAINT store_poll_digest_pk PRIMARY KEY (store_id, timestamp_utc) INCLUDE (active, run_end);
-- The run ends alone, for the middle of a long window: a report over a year reads its stores' status changes from
-- here, and the bucket ends only near its windows' edges from the key.
CREATE INDEX store_poll_digest_run_end ON store_poll_digest (store_id, timestamp_utc) INCLUDE (active)
    WHERE run_end;

INSERT INTO store_poll_digest_state (singleton, stale)
SELECT true, EXISTS (SELECT 1 FROM store_status);

-- Once per statement, unless the writer keeps the digest itself and says so with
-- SET LOCAL uptime.poll_digest_kept = 'on' (the import, the live writers and the prune do). As for
-- store_poll_summary (V3): a flag rather than an incremental update, since TimescaleDB allows no transition tables.
CREATE FUNCTION store_poll_digest_mark_stale() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
AS $$
BEGIN
    IF coalesce(current_setting('uptime.poll_digest_kept', true), '') <> 'on' THEN
        UPDATE store_poll_digest_state SET stale = true WHERE NOT stale;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER store_status_poll_digest
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON store_status
    FOR EACH STATEMENT EXECUTE FUNCTION store_poll_digest_mark_stale();
CREATE TRIGGER store_business_hour_poll_digest
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON store_business_hour
    FOR EACH STATEMENT EXECUTE FUNCTION store_poll_digest_mark_stale();
CREATE TRIGGER store_timezone_poll_digest
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON store_timezone
    FOR EACH STATEMENT EXECUTE FUNCTION store_poll_digest_mark_stale();
CREATE TRIGGER store_closure_poll_digest
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON store_closure
    FOR EACH STATEMENT EXECUTE FUNCTION store_poll_digest_mark_stale();
-- [jooq ignore stop]
