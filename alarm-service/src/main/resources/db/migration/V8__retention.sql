-- Retention and erasure beyond the registry (issue 14, docs/privacy.md). Positions and timer notes
-- go when the alarm's incident closes (incident.events) or after a day; alarm rows are reduced to
-- statistics (kind, channel, times) after the incidents' retention; a withdrawn worker's rows keep
-- no worker id and no client reference. Rows that still have both keep recognising a retried press
-- (the unique index allows any number of detached rows: NULLs are distinct).
ALTER TABLE alarm ALTER COLUMN worker_id DROP NOT NULL;
ALTER TABLE alarm ALTER COLUMN client_ref DROP NOT NULL;

-- When dispatch closed the incident this alarm was on: its details are no longer served, and no
-- position is added to it afterwards (an alarm accepted while the database was away).
ALTER TABLE alarm ADD COLUMN incident_closed_at timestamptz;

-- Whether she saved a note with the timer. Her own view shows it for a running timer whether or
-- not the note itself was dropped already (an incident closed after a duress PIN while PIN entry
-- was locked leaves the timer running): what she sees must not depend on which PIN she used.
ALTER TABLE safety_timer ADD COLUMN has_note boolean NOT NULL DEFAULT false;
UPDATE safety_timer SET has_note = true WHERE note IS NOT NULL;

-- The retention job's queries: positions still held, rows not yet reduced, notes of ended timers.
CREATE INDEX alarm_position_held_idx ON alarm (raised_at) WHERE latitude IS NOT NULL;
CREATE INDEX alarm_not_reduced_idx ON alarm (raised_at) WHERE worker_id IS NOT NULL;
CREATE INDEX safety_timer_note_held_idx ON safety_timer (timer_id) WHERE note IS NOT NULL;
