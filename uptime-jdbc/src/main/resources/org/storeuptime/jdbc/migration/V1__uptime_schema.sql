-- Store Uptime schema, version 1 (PostgreSQL 12+, TimescaleDB optional).
--
-- The library applies the files of this folder itself: UptimeDatabase.builder(dataSource).schema("uptime")
-- .build().migrate() runs every V<n>__*.sql not yet recorded in <schema>.uptime_schema_history, in version
-- order, each in one transaction under an advisory lock, after "SET LOCAL search_path" to the schema.
-- Names in these files are unqualified so that they land in whatever schema runs them.
--
-- To use your own tool instead, keep the file names (Flyway style) and run them in order in your schema:
--   Flyway:    copy the files into your db/migration location (or point flyway.locations at
--              classpath:org/storeuptime/jdbc/migration) with flyway.defaultSchema=<schema>.
--   Liquibase: one <sqlFile path="org/storeuptime/jdbc/migration/V1__uptime_schema.sql"
--              splitStatements="false"/> changeSet per file, with the schema as defaultSchemaName.
--   psql:      psql "$URL" -v ON_ERROR_STOP=1 -c 'SET search_path TO uptime' -f V1__uptime_schema.sql
-- Then do not call migrate(), or call it once on an empty schema only: its history table is its own.

-- Text columns are varchar without a length (the same as text in PostgreSQL) because the build reads these
-- files with jOOQ's DDL database, whose in-memory H2 cannot index text.

-- Every store of any input file. Stores without zone, hours or polls still get a report row.
CREATE TABLE store (
    store_id varchar COLLATE "C" NOT NULL,
    CONSTRAINT store_pk PRIMARY KEY (store_id)
);

-- A store's IANA time zone; a store without a row is in America/Chicago.
CREATE TABLE store_timezone (
    store_id     varchar COLLATE "C" NOT NULL,
    timezone_str varchar NOT NULL,
    CONSTRAINT store_timezone_pk PRIMARY KEY (store_id)
);

-- Business hours in local time, 0 = Monday ... 6 = Sunday. Unlike the seed system, a store may have several
-- rows per day (split shifts); only an identical row is a duplicate. A store without rows is open 24/7.
CREATE TABLE store_business_hour (
    store_id         varchar COLLATE "C" NOT NULL,
    day_of_week      smallint NOT NULL,
    start_time_local time NOT NULL,
    end_time_local   time NOT NULL,
    CONSTRAINT store_business_hour_pk PRIMARY KEY (store_id, day_of_week, start_time_local, end_time_local),
    CONSTRAINT store_business_hour_day_ck CHECK (day_of_week BETWEEN 0 AND 6)
);

-- Status polls. One poll per store and instant (the first one imported wins).
--
-- Reports read "all polls of all stores with timestamp_utc BETWEEN a AND b ORDER BY store_id, timestamp_utc"
-- as one streamed COPY. The primary key (store_id, timestamp_utc) returns exactly that order without a sort:
-- the range condition on its second column is checked inside the index, and the COPY starts streaming at
-- once. Store ids use the "C" collation so that this index order is plain byte order whatever the
-- database's default collation is, and the readers order by the same collation.
-- There is deliberately no index on timestamp_utc alone: maintaining it, inserted in primary key order and
-- so at random places, took more of an import than everything else together (and grew faster than the data,
-- 18x the time for 10x the polls). Reports do not need it: the latest poll (the default "now") is found by
-- walking the primary key backwards, one probe per store.
CREATE TABLE store_status (
    store_id      varchar COLLATE "C" NOT NULL,
    timestamp_utc timestamptz NOT NULL,
    status        varchar NOT NULL,
    CONSTRAINT store_status_pk PRIMARY KEY (store_id, timestamp_utc),
    CONSTRAINT store_status_status_ck CHECK (status IN ('active', 'inactive'))
);

-- Reports: state, progress and the finished CSV, shared by every server process using this schema.
CREATE TABLE store_report (
    report_id     uuid NOT NULL,
    state         varchar NOT NULL,
    created_at    timestamptz NOT NULL,
    started_at    timestamptz,
    finished_at   timestamptz,
    requested_now timestamptz,
    report_now    timestamptz,
    extrapolation varchar NOT NULL,
    lookback      varchar NOT NULL,
    stores_done   integer NOT NULL DEFAULT 0,
    stores_total  integer NOT NULL DEFAULT 0,
    store_count   integer,
    error         varchar,
    csv           bytea,
    CONSTRAINT store_report_pk PRIMARY KEY (report_id),
    CONSTRAINT store_report_state_ck CHECK (state IN ('pending', 'running', 'complete', 'failed'))
);

-- Newest first listing and the scan for unfinished reports after a restart.
CREATE INDEX store_report_created_idx ON store_report (created_at);

-- With TimescaleDB the polls become a hypertable on their timestamp; without it nothing happens here and
-- all of the above works on plain PostgreSQL. Only an extension already installed in this database
-- (CREATE EXTENSION timescaledb, a DBA's decision) is used: creating it here would put it into the
-- report schema, where a DROP SCHEMA ... CASCADE of that schema would take every hypertable with it.
-- [jooq ignore start]
DO $$
DECLARE
    ext_schema name;
BEGIN
    SELECT n.nspname INTO ext_schema
      FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'timescaledb';
    IF ext_schema IS NOT NULL THEN
        EXECUTE format('SELECT %I.create_hypertable(%L::regclass, %L, if_not_exists => true, '
                       || 'migrate_data => true, create_default_indexes => false)',
                       ext_schema, format('%I.%I', current_schema(), 'store_status'), 'timestamp_utc');
    ELSIF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
        RAISE NOTICE 'timescaledb is available but not installed in this database; store_status stays a plain '
                     'table (run CREATE EXTENSION timescaledb before migrating to get a hypertable)';
    END IF;
END
$$;
-- [jooq ignore stop]
