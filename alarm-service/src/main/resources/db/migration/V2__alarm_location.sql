-- The position a phone or button sent with an alarm. Kept here (claim check), not on Kafka.
ALTER TABLE alarm ADD COLUMN latitude double precision;
ALTER TABLE alarm ADD COLUMN longitude double precision;
ALTER TABLE alarm ADD COLUMN accuracy_m double precision;
ALTER TABLE alarm ADD COLUMN location_captured_at timestamptz;
