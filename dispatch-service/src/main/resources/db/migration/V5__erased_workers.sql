-- Workers who withdrew (a tombstone on worker.registrations). Their cards and alarms' details are
-- deleted at once; the id stays so that a card or details fetched while she was being erased, or
-- asked for later, are never stored again. Ids and times only.
CREATE TABLE erased_worker (
    worker_id varchar(64) PRIMARY KEY,
    erased_at timestamptz NOT NULL
);
