-- Every personal value is ciphertext (bytea) under the worker's own data key; see EnvelopeCrypto.

CREATE TABLE worker_key (
    worker_id     varchar(64) PRIMARY KEY,
    wrapped_key   bytea       NOT NULL,
    master_key_id varchar(32) NOT NULL,
    created_at    timestamptz NOT NULL
);

CREATE TABLE worker_profile (
    worker_id    varchar(64) PRIMARY KEY,
    working_name bytea       NOT NULL,
    safety_note  bytea,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    version      bigint      NOT NULL DEFAULT 0
);

CREATE TABLE disclosure (
    id           uuid        PRIMARY KEY,
    worker_id    varchar(64) NOT NULL,
    purpose      varchar(32) NOT NULL,
    incident_id  uuid,
    requested_by varchar(128) NOT NULL,
    fields       varchar(512) NOT NULL,
    disclosed_at timestamptz NOT NULL
);

CREATE INDEX disclosure_worker_idx ON disclosure (worker_id, disclosed_at);
