-- Her sealing key pair (issue 14): what other services seal to her public keyset only the registry
-- opens, with the private keyset below, which is stored only encrypted by the master key ring (Tink's
-- encrypted keyset, associated data her worker id). Deleting her worker_key row at withdrawal
-- destroys it together with her data key. Null for workers registered before this migration, until
-- her next write creates it.
ALTER TABLE worker_key ADD COLUMN sealing_private_keyset bytea;
ALTER TABLE worker_key ADD COLUMN sealing_public_keyset  text;
-- When the broker acknowledged a registration carrying this public keyset; null: still to publish.
ALTER TABLE worker_key ADD COLUMN sealing_published_at   timestamptz;
