-- Safety timers (check-ins). The note is AES-256-GCM ciphertext (associated data: the timer id);
-- it is personal data and never leaves this service except through the alarm details claim check.
CREATE TABLE safety_timer (
    timer_id      uuid        PRIMARY KEY,
    worker_id     varchar(64) NOT NULL,
    started_at    timestamptz NOT NULL,
    expected_end  timestamptz NOT NULL,
    grace_minutes integer     NOT NULL CHECK (grace_minutes BETWEEN 0 AND 60),
    state         varchar(16) NOT NULL,
    note          bytea,
    confirmed_at  timestamptz,
    missed_at     timestamptz
);

CREATE INDEX safety_timer_worker_idx ON safety_timer (worker_id, state);
-- The expiry job's query: running timers by expected end (the grace is at most 60 minutes).
CREATE INDEX safety_timer_due_idx ON safety_timer (expected_end) WHERE state = 'ACTIVE';
