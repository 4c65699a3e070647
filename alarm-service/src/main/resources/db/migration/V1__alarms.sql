CREATE TABLE alarm (
    alarm_id     uuid        PRIMARY KEY,
    worker_id    varchar(64) NOT NULL,
    client_ref   uuid        NOT NULL,
    kind         varchar(32) NOT NULL,
    channel      varchar(16) NOT NULL,
    raised_at    timestamptz NOT NULL,
    published_at timestamptz
);

CREATE UNIQUE INDEX alarm_worker_client_ref_idx ON alarm (worker_id, client_ref);
