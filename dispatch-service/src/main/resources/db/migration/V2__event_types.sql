-- Every CloudEvent id dispatch has consumed from alarm.events, written in the transaction of the
-- event's effect: a redelivery finds its id and changes nothing. Ids and types only, no personal data.
CREATE TABLE processed_event (
    event_id     varchar(200) PRIMARY KEY,
    type         varchar(100) NOT NULL,
    processed_at timestamptz  NOT NULL
);

-- A duress can open an incident without an alarm that dispatch has seen: such an incident has no kind.
ALTER TABLE incident ALTER COLUMN kind DROP NOT NULL;

-- Cancel and duress PIN entries on an incident's timeline. The alarm id is the alarm she meant;
-- dispatch may not have seen it (for example when a duress opened the incident).
CREATE TABLE pin_entry (
    event_id    varchar(200) PRIMARY KEY,
    incident_id uuid         NOT NULL REFERENCES incident (id),
    alarm_id    uuid         NOT NULL,
    type        varchar(16)  NOT NULL,
    occurred_at timestamptz  NOT NULL,
    received_at timestamptz  NOT NULL
);

CREATE INDEX pin_entry_incident_idx ON pin_entry (incident_id, occurred_at);

-- Warnings about a worker's hardware button. They join her active incident (incident_id set) or
-- are kept on their own (incident_id null); they never open an incident.
CREATE TABLE device_warning (
    event_id    varchar(200) PRIMARY KEY,
    worker_id   varchar(64)  NOT NULL,
    device_id   varchar(64)  NOT NULL,
    type        varchar(16)  NOT NULL,
    incident_id uuid         REFERENCES incident (id),
    occurred_at timestamptz  NOT NULL,
    received_at timestamptz  NOT NULL
);

CREATE INDEX device_warning_incident_idx ON device_warning (incident_id, occurred_at);
CREATE INDEX device_warning_worker_idx ON device_warning (worker_id, occurred_at);
