-- Positions and timer notes sealed to her public keyset (issue 14, docs/architecture.md "Personal
-- data outside the registry"): only the registry, which holds her private keyset, can open them.

-- Her public sealing keyset, from worker.registrations (a public key is not personal data). Replaced
-- by a later registration record; deleted by the tombstone when she withdraws.
CREATE TABLE worker_sealing_key (
    worker_id     varchar(64) PRIMARY KEY,
    public_keyset text        NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- Positions stored before were plain text: they are dropped (cleared first, so that no live row
-- version keeps them; dead versions go with the next VACUUM). From now on an alarm's position is
-- Tink hybrid ciphertext of JSON(AlarmPosition), associated data (alarm id, "alarm-position").
DROP INDEX alarm_position_held_idx;
UPDATE alarm SET latitude = NULL, longitude = NULL, accuracy_m = NULL, location_captured_at = NULL
    WHERE latitude IS NOT NULL OR longitude IS NOT NULL OR accuracy_m IS NOT NULL OR location_captured_at IS NOT NULL;
ALTER TABLE alarm DROP COLUMN latitude;
ALTER TABLE alarm DROP COLUMN longitude;
ALTER TABLE alarm DROP COLUMN accuracy_m;
ALTER TABLE alarm DROP COLUMN location_captured_at;
ALTER TABLE alarm ADD COLUMN sealed_position bytea;
CREATE INDEX alarm_position_held_idx ON alarm (raised_at) WHERE sealed_position IS NOT NULL;

-- Notes stored before were encrypted under the service-wide key, which is removed: they are dropped
-- (has_note stays, so her own view of a running timer does not change). From now on a note is Tink
-- hybrid ciphertext sealed to her, associated data (timer id, "timer-note").
UPDATE safety_timer SET note = NULL WHERE note IS NOT NULL;
COMMENT ON COLUMN safety_timer.note IS 'Sealed to her public keyset (WorkerSealing, SealedKind.TIMER_NOTE)';
