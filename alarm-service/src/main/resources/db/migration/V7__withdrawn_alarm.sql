-- A countdown she cancelled with her cancel PIN is stored like the alarm of that press would have
-- been (same id), marked withdrawn, and never published: every later answer about that press is
-- then the same as after the duress PIN, which did raise it (docs/pins-and-timers.md, "Cancel and
-- duress"). No position is stored for it.
ALTER TABLE alarm ADD COLUMN withdrawn_at timestamptz;

-- The relay's query skips withdrawn alarms: they are never published.
DROP INDEX alarm_unpublished_idx;
CREATE INDEX alarm_unpublished_idx ON alarm (raised_at) WHERE published_at IS NULL AND withdrawn_at IS NULL;
