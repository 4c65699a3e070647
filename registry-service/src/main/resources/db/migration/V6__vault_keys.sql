-- Her vault key (issue 14): her data key and private sealing keyset are wrapped by her vault key,
-- which lives outside this database (registry.key-vault.directory) and is destroyed at her
-- withdrawal, so copies of this database made before it (backups, WAL) no longer open for her.
-- Rows from before are wrapped by the master key ring directly (false) until her next write moves
-- them into the vault.
ALTER TABLE worker_key ADD COLUMN wrapped_by_vault_key boolean NOT NULL DEFAULT false;
-- The withdrawal's step that destroys her vault key (after the commit that deleted her key row);
-- null: still to do. Withdrawals recorded before the vault had none to destroy.
ALTER TABLE erasure ADD COLUMN vault_key_destroyed_at timestamptz;
UPDATE erasure SET vault_key_destroyed_at = key_destroyed_at;
