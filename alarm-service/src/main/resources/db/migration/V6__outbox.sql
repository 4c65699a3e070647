-- One way to publish (docs/architecture.md, "Durability before the answer"): what alarm-service
-- accepts is first durable in this database, then published to alarm.events at once or, when the
-- broker did not acknowledge in time, by the relay (EventRelay). An alarm row is its own outbox
-- (published_at null until the broker acknowledged); every other event goes through outbox_event.

-- Whether the alarm's event says that dispatch has details to fetch (a position, a timer's note),
-- so that the relay can rebuild the event from the row alone.
ALTER TABLE alarm ADD COLUMN has_details boolean NOT NULL DEFAULT false;
UPDATE alarm SET has_details = true WHERE latitude IS NOT NULL;

-- The relay's query: alarms the broker has not acknowledged yet, oldest first.
CREATE INDEX alarm_unpublished_idx ON alarm (raised_at) WHERE published_at IS NULL;

-- Cancels, duresses and device warnings on their way to alarm.events. The event id is the
-- CloudEvent id, so enqueueing the same event twice stores it once. The payload is the event's
-- JSON (ids and facts only, like the event itself: never personal data).
CREATE TABLE outbox_event (
    event_id     uuid        PRIMARY KEY,
    type         varchar(64) NOT NULL,
    worker_id    varchar(64) NOT NULL,
    occurred_at  timestamptz NOT NULL,
    payload      text        NOT NULL,
    created_at   timestamptz NOT NULL,
    published_at timestamptz
);

CREATE INDEX outbox_event_unpublished_idx ON outbox_event (created_at) WHERE published_at IS NULL;
CREATE INDEX outbox_event_published_idx ON outbox_event (published_at) WHERE published_at IS NOT NULL;

-- A cancel or duress is decided when its event is in the outbox (in the same transaction), no
-- longer when the broker acknowledged it.
ALTER TABLE alarm_cancel RENAME COLUMN cancel_published_at TO cancel_accepted_at;
ALTER TABLE alarm_cancel RENAME COLUMN duress_published_at TO duress_accepted_at;

-- A button's warning is sent through outbox_event; device_warning only recognises repeats.
ALTER TABLE device_warning DROP COLUMN published_at;
