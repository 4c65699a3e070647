-- Hardware buttons: enrolment codes, their guard against guessing, and the bound devices.
-- See docs/devices.md, "Enrolling a button (registry)".

-- One unused enrolment code per worker (a new one replaces it). Only a SHA-256 hash of the code is
-- kept: the code itself is shown once to her and is gone when it is used or has expired.
CREATE TABLE enrolment_code (
    worker_id  varchar(64) PRIMARY KEY,
    code_hash  char(64)    NOT NULL UNIQUE,
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);

CREATE INDEX enrolment_code_expiry_idx ON enrolment_code (expires_at);

-- Wrong enrolment codes per coordinator (token subject), for the lock against guessing.
CREATE TABLE enrolment_guard (
    coordinator_id varchar(128) PRIMARY KEY,
    wrong_count    integer     NOT NULL,
    window_start   timestamptz NOT NULL,
    locked_until   timestamptz
);

-- A bound button. The secret is ciphertext under the worker's own data key (EnvelopeCrypto, field
-- deviceSecret:<deviceId>), so her withdrawal makes it unreadable with the rest of her data. An
-- unbound button has no row.
CREATE TABLE device (
    device_id                  varchar(64) PRIMARY KEY,
    worker_id                  varchar(64) NOT NULL,
    secret                     bytea       NOT NULL,
    heartbeat_interval_seconds integer     NOT NULL CHECK (heartbeat_interval_seconds BETWEEN 30 AND 86400),
    bound_at                   timestamptz NOT NULL,
    changed_at                 timestamptz NOT NULL
);

CREATE INDEX device_worker_idx ON device (worker_id);
