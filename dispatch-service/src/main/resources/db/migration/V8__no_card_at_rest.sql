-- Issue 14: dispatch keeps no card and no alarm details at rest. Her card and an alarm's details
-- live in memory on each instance that shows the open incident (service/IncidentCardStore), fetched
-- again after a restart, so that nothing of hers reaches this database, its WAL or its backups.
DROP TABLE incident_alarm_details;
DROP TABLE incident_card;

-- Whether a card is there is per instance now (in memory), not shared state; the index of V7 that
-- served the card retry goes with the column. The retry lists the unclosed incidents through the
-- partial index incident_one_active_per_worker (V1), whose condition is the same.
ALTER TABLE incident DROP COLUMN card_status;

-- What stays of an alarm's details is a fact of the alarm itself: whether it carried any (so that
-- they are to be fetched). Fetched, unavailable or gone is per instance, in memory.
ALTER TABLE incident_alarm ADD COLUMN has_details boolean NOT NULL DEFAULT false;
UPDATE incident_alarm SET has_details = true WHERE details_status <> 'NONE';
ALTER TABLE incident_alarm ALTER COLUMN has_details DROP DEFAULT;
ALTER TABLE incident_alarm DROP COLUMN details_status;
