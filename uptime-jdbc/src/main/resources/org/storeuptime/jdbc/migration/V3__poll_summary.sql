-- Store Uptime schema, version 3: what a report needs to know about the poll history (which stores have polls,
-- the latest poll) kept in a small table, so that no statement of a report reads history outside the report's
-- own time range; and the hypertable's chunk interval as a setting. Apply it like V1.
--
-- Chunk interval (TimescaleDB only): set uptime.chunk_interval before running this file to change the interval
-- of store_status's chunks, for example
--   psql "$URL" -v ON_ERROR_STOP=1 -c 'SET search_path TO uptime' -c "SET uptime.chunk_interval = '1 day'" \
--        -f V3__poll_summary.sql
-- (UptimeDatabase.builder(dataSource).chunkInterval(Duration.ofDays(1)) does the same). Without it the interval
-- stays TimescaleDB's default of 7 days; see docs/database.md for why that suits hourly polls. A new interval
-- applies to chunks created from then on; existing chunks keep theirs.

-- Per store with polls: the time of its latest poll. The import keeps it up to date in the same transaction as
-- the polls it adds, so "the latest poll" is max(latest_poll) over a few thousand rows and "the stores with
-- polls" a scan of this table, however many months of polls store_status holds.
CREATE TABLE store_poll_summary (
    store_id    varchar COLLATE "C" NOT NULL,
    latest_poll timestamptz NOT NULL,
    CONSTRAINT store_poll_summary_pk PRIMARY KEY (store_id)
);

-- One row: whether store_poll_summary may be out of date because something other than the import (or the
-- prune) wrote to store_status, such as a user's own INSERT. The next report then rebuilds the summary from
-- store_status once (a full scan) before it reads it.
CREATE TABLE store_poll_summary_state (
    singleton boolean NOT NULL DEFAULT true,
    stale     boolean NOT NULL,
    CONSTRAINT store_poll_summary_state_pk PRIMARY KEY (singleton),
    CONSTRAINT store_poll_summary_state_singleton_ck CHECK (singleton)
);

-- [jooq ignore start]
-- A schema upgraded from version 2 gets its summary from the polls it already holds.
INSERT INTO store_poll_summary (store_id, latest_poll)
SELECT store_id, max(timestamp_utc) FROM store_status GROUP BY store_id;
INSERT INTO store_poll_summary_state (singleton, stale) VALUES (true, false);

-- Once per statement (not per row: an import adds millions) that writes store_status, unless the writer keeps
-- the summary itself and says so with SET LOCAL uptime.poll_summary_kept = 'on' (the import and the prune do).
-- TimescaleDB allows statement triggers on hypertables but not transition tables, hence a flag rather than an
-- incremental update here. "SET search_path FROM CURRENT" pins the schema this file runs in, so the function
-- finds its table whatever the writer's search_path.
CREATE FUNCTION store_poll_summary_mark_stale() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
AS $$
BEGIN
    IF coalesce(current_setting('uptime.poll_summary_kept', true), '') <> 'on' THEN
        UPDATE store_poll_summary_state SET stale = true WHERE NOT stale;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER store_status_poll_summary
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON store_status
    FOR EACH STATEMENT EXECUTE FUNCTION store_poll_summary_mark_stale();

-- The chunk interval, when uptime.chunk_interval is set and store_status is a hypertable.
DO $$
DECLARE
    ext_schema name;
    wanted     text := nullif(current_setting('uptime.chunk_interval', true), '');
BEGIN
    SELECT n.nspname INTO ext_schema
      FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'timescaledb';
    -- Nested: PL/pgSQL would look up the view of the second condition even when the first is false.
    IF wanted IS NOT NULL AND ext_schema IS NOT NULL THEN
        IF EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                    WHERE hypertable_schema = current_schema() AND hypertable_name = 'store_status') THEN
            EXECUTE format('SELECT %I.set_chunk_time_interval(%L::regclass, %L::interval)',
                           ext_schema, format('%I.%I', current_schema(), 'store_status'), wanted);
        END IF;
    END IF;
END
$$;
-- [jooq ignore stop]
