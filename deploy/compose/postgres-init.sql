-- Alarm Central: one database and one role per service, for docker-compose.yml at the repository root.
-- The postgres image runs this once, on the first start with an empty data volume
-- (/docker-entrypoint-initdb.d), as the superuser, with ON_ERROR_STOP.
-- To run it again: docker compose down -v (this deletes all data).
--
-- DEMO ONLY: every password here equals the role name and is public in this repository.
-- Use real secrets (and a managed database) for anything that is not a local demo.
--
-- Each service owns exactly one database and cannot connect to the others: registry data
-- (working names, addresses, safety notes) must never be readable with the alarm or dispatch role.

CREATE ROLE alarm LOGIN PASSWORD 'alarm';
CREATE DATABASE alarm OWNER alarm;
REVOKE ALL ON DATABASE alarm FROM PUBLIC;

CREATE ROLE dispatch LOGIN PASSWORD 'dispatch';
CREATE DATABASE dispatch OWNER dispatch;
REVOKE ALL ON DATABASE dispatch FROM PUBLIC;

CREATE ROLE registry LOGIN PASSWORD 'registry';
CREATE DATABASE registry OWNER registry;
REVOKE ALL ON DATABASE registry FROM PUBLIC;
