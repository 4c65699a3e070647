-- Hardware buttons (docs/devices.md).

-- alarm-service's own copy of the bindings on the compacted topic device.bindings, so that a
-- button's alarm is accepted while registry-service is down. The secret is stored only as it came
-- on the topic: AES-GCM encrypted under the binding key, never in plain text.
CREATE TABLE bound_device (
    device_id                  varchar(64)  PRIMARY KEY,
    worker_id                  varchar(64)  NOT NULL,
    encrypted_secret           varchar(512) NOT NULL,
    heartbeat_interval_seconds integer      NOT NULL CHECK (heartbeat_interval_seconds > 0),
    bound_at                   timestamptz  NOT NULL,
    -- when a valid, signed request was last received; null: never (silence counts from bound_at)
    last_seen_at               timestamptz,
    -- when the device.offline warning for the current silence was published; null: none yet
    offline_notified_at        timestamptz
);

-- The offline check only looks at devices without a warning for their current silence.
CREATE INDEX bound_device_not_notified_idx ON bound_device (device_id) WHERE offline_notified_at IS NULL;

-- Signatures already accepted, so that a captured request cannot be replayed. A signature older
-- than the clock-skew window would be refused as stale anyway, so rows are purged after that.
CREATE TABLE device_signature (
    device_id varchar(64) NOT NULL,
    signature char(64)    NOT NULL,
    signed_at timestamptz NOT NULL,
    PRIMARY KEY (device_id, signature)
);

CREATE INDEX device_signature_signed_at_idx ON device_signature (signed_at);

-- Warnings a device asked for (low battery), one row per device event, so that a retried request
-- is recognised and never becomes a second warning. Purged after a retention period.
CREATE TABLE device_warning (
    warning_id   uuid        PRIMARY KEY,
    device_id    varchar(64) NOT NULL,
    worker_id    varchar(64) NOT NULL,
    type         varchar(64) NOT NULL,
    occurred_at  timestamptz NOT NULL,
    published_at timestamptz
);

CREATE INDEX device_warning_device_idx ON device_warning (device_id);
CREATE INDEX device_warning_occurred_at_idx ON device_warning (occurred_at);
