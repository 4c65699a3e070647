CREATE TABLE incident (
    id            uuid        PRIMARY KEY,
    worker_id     varchar(64) NOT NULL,
    status        varchar(16) NOT NULL,
    kind          varchar(32) NOT NULL,
    opened_at     timestamptz NOT NULL,
    last_alarm_at timestamptz NOT NULL,
    card_status   varchar(16) NOT NULL,
    version       bigint      NOT NULL DEFAULT 0
);

-- At most one incident per worker that is not closed: further alarms join it.
CREATE UNIQUE INDEX incident_one_active_per_worker ON incident (worker_id) WHERE status <> 'CLOSED';
CREATE INDEX incident_status_idx ON incident (status, opened_at);

CREATE TABLE incident_alarm (
    alarm_id    uuid        PRIMARY KEY,
    incident_id uuid        NOT NULL REFERENCES incident (id),
    kind        varchar(32) NOT NULL,
    channel     varchar(16) NOT NULL,
    raised_at   timestamptz NOT NULL,
    received_at timestamptz NOT NULL
);

CREATE INDEX incident_alarm_incident_idx ON incident_alarm (incident_id, raised_at);

CREATE TABLE incident_card (
    incident_id  uuid PRIMARY KEY REFERENCES incident (id),
    working_name varchar(200),
    safety_note  text,
    fetched_at   timestamptz NOT NULL
);
