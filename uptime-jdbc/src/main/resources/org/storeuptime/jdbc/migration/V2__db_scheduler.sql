-- Store Uptime schema, version 2: the table of db-scheduler (https://github.com/kagkarlsson/db-scheduler),
-- which uptime-server uses to run reports durably (cluster-safe claiming, re-running reports whose process
-- died, cron schedules). This is db-scheduler's own PostgreSQL DDL (postgresql_tables.sql, as of 16.x),
-- unchanged, so that db-scheduler finds the table it expects in the report schema. Apply it like V1.
-- jOOQ does not need this table, and the build's DDL reader cannot index text columns: it skips this file.

-- [jooq ignore start]
create table scheduled_tasks (
  task_name text not null,
  task_instance text not null,
  task_data bytea,
  execution_time timestamp with time zone not null,
  picked BOOLEAN not null,
  picked_by text,
  last_success timestamp with time zone,
  last_failure timestamp with time zone,
  consecutive_failures INT,
  last_heartbeat timestamp with time zone,
  version BIGINT not null,
  priority SMALLINT,
  PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
-- [jooq ignore stop]
