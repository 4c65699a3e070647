-- incident.opened / incident.closed on incident.events, written in the transaction that opens or
-- closes the incident (an outbox) and published after it commits, retried until the broker has
-- acknowledged them. Ids and times only, no personal data.
CREATE TABLE incident_outbox (
    event_id     uuid         PRIMARY KEY,
    incident_id  uuid         NOT NULL REFERENCES incident (id),
    worker_id    varchar(64)  NOT NULL,
    type         varchar(100) NOT NULL,
    occurred_at  timestamptz  NOT NULL,
    created_at   timestamptz  NOT NULL,
    -- when the broker acknowledged the event; null: not yet
    published_at timestamptz
);

-- One opened and one closed event per incident.
CREATE UNIQUE INDEX incident_outbox_incident_type_idx ON incident_outbox (incident_id, type);
-- The relay looks for the few events not yet acknowledged.
CREATE INDEX incident_outbox_unpublished_idx ON incident_outbox (created_at) WHERE published_at IS NULL;

-- Incidents that were active before incident events existed: the registry must learn that they are open.
INSERT INTO incident_outbox (event_id, incident_id, worker_id, type, occurred_at, created_at)
SELECT gen_random_uuid(), id, worker_id, 'nl.alarmcentral.incident.opened.v1', opened_at, now()
FROM incident WHERE status <> 'CLOSED';
