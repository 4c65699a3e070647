-- Her log shows a record made for an incident only once the incident closed and a delay passed
-- (docs/privacy.md, "Her disclosure log and coercion"), so the retention clean-up keeps every incident
-- a disclosure record names; this index lets it find them without reading the whole log.
CREATE INDEX disclosure_incident_idx ON disclosure (incident_id) WHERE incident_id IS NOT NULL;
