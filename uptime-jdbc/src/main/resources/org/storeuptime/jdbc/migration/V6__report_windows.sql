-- Store Uptime schema, version 6: a report remembers the windows it was asked for, so that a report run again
-- after a restart (or by another process) computes the same columns. Apply it like V1.
--
-- The windows are kept as written ("30d", "2024-09", "2024-09-01/2024-09-15", ...), in column order, separated
-- by one blank (no window's text has one); NULL for the classic three windows, which every report made before
-- this version has.

ALTER TABLE store_report ADD COLUMN report_windows varchar;
