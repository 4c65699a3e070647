-- Whether the alarm's claim-checked details (position, timer note) are fetched from alarm-service.
-- Alarms recorded before this column existed carried none.
ALTER TABLE incident_alarm ADD COLUMN details_status varchar(16) NOT NULL DEFAULT 'NONE';

-- The background retry looks for the few alarms whose details are still missing.
CREATE INDEX incident_alarm_details_missing_idx ON incident_alarm (details_status)
    WHERE details_status IN ('PENDING', 'UNAVAILABLE');

-- An alarm's details as alarm-service disclosed them: personal data, kept apart (like incident_card)
-- and only for the incident; deleted with incident_id when the incident closes.
CREATE TABLE incident_alarm_details (
    alarm_id             uuid             PRIMARY KEY REFERENCES incident_alarm (alarm_id),
    incident_id          uuid             NOT NULL REFERENCES incident (id),
    latitude             double precision,
    longitude            double precision,
    accuracy_m           double precision,
    location_captured_at timestamptz,
    timer_note           text,
    fetched_at           timestamptz      NOT NULL
);

CREATE INDEX incident_alarm_details_incident_idx ON incident_alarm_details (incident_id);
