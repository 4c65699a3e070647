-- The dispatcher console (issue 5): what dispatchers do with an incident, escalation, closing,
-- the richer dispatch card, and anonymous statistics once an incident has been kept long enough.

-- The incident itself: when it last changed (every change also raises version), who took it and
-- when, escalation, the outcome the dispatcher recorded, and when it was resolved and closed.
ALTER TABLE incident
    ADD COLUMN changed_at      timestamptz  NOT NULL DEFAULT now(),
    ADD COLUMN acknowledged_at timestamptz,
    ADD COLUMN acknowledged_by varchar(255),
    ADD COLUMN escalated_at    timestamptz,
    ADD COLUMN resolved_at     timestamptz,
    ADD COLUMN outcome         varchar(32),
    ADD COLUMN categories      varchar(200),
    ADD COLUMN follow_up       varchar(32),
    ADD COLUMN closed_at       timestamptz;

-- Incidents closed before this existed: their retention runs from now.
UPDATE incident SET closed_at = now() WHERE status = 'CLOSED';

-- At most one unfinished incident per worker: an alarm after her incident was resolved opens a new one.
DROP INDEX incident_one_active_per_worker;
CREATE UNIQUE INDEX incident_one_unfinished_per_worker ON incident (worker_id)
    WHERE status NOT IN ('RESOLVED', 'CLOSED');

-- Every instance looks for recent changes (a lost fan-out message must not keep a console behind).
CREATE INDEX incident_changed_idx ON incident (changed_at);
-- The scheduled jobs look for the few incidents that are due.
CREATE INDEX incident_escalation_due_idx ON incident (opened_at) WHERE status = 'OPEN' AND escalated_at IS NULL;
CREATE INDEX incident_resolved_idx ON incident (resolved_at) WHERE status = 'RESOLVED';
CREATE INDEX incident_closed_idx ON incident (closed_at) WHERE status = 'CLOSED';

-- What dispatchers did (and escalation), append-only: who, when, what. text is what a dispatcher
-- typed (a note, a contact attempt's note, a help reference); detail is a code (see docs/incidents.md).
CREATE TABLE incident_action (
    id          uuid          PRIMARY KEY,
    -- the order of entries written at the same moment (an acknowledgement implied by sending help)
    seq         bigserial     NOT NULL,
    incident_id uuid          NOT NULL REFERENCES incident (id),
    type        varchar(32)   NOT NULL,
    at          timestamptz   NOT NULL,
    actor       varchar(255),
    detail      varchar(200),
    text        varchar(1000)
);

CREATE INDEX incident_action_incident_idx ON incident_action (incident_id, at, seq);

-- The timeline is never edited. The only change allowed is erasing what was typed (text set to
-- null) when the worker withdraws; rows go only with their incident, once it is closed (retention).
CREATE FUNCTION incident_action_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF EXISTS (SELECT 1 FROM incident WHERE id = OLD.incident_id AND status <> 'CLOSED') THEN
            RAISE EXCEPTION 'incident_action: entries of an incident that is not closed are never deleted';
        END IF;
        RETURN OLD;
    END IF;
    IF NEW.id <> OLD.id OR NEW.seq <> OLD.seq OR NEW.incident_id <> OLD.incident_id OR NEW.type <> OLD.type OR NEW.at <> OLD.at
            OR NEW.actor IS DISTINCT FROM OLD.actor OR NEW.detail IS DISTINCT FROM OLD.detail
            OR NEW.text IS NOT NULL THEN
        RAISE EXCEPTION 'incident_action is append-only';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER incident_action_append_only BEFORE UPDATE OR DELETE ON incident_action
    FOR EACH ROW EXECUTE FUNCTION incident_action_append_only();

-- The registry's richer card (personal data, like the rest of incident_card: deleted when the
-- incident closes and when she withdraws). Lists are kept as JSON text.
ALTER TABLE incident_card
    ADD COLUMN languages        text,
    ADD COLUMN call_back_number text,
    ADD COLUMN may_call_back    boolean,
    ADD COLUMN procedure        text,
    ADD COLUMN door_approach    text,
    ADD COLUMN escape_route     text,
    ADD COLUMN code_word        text,
    ADD COLUMN addresses        text,
    ADD COLUMN contacts         text,
    ADD COLUMN liaison          varchar(16),
    ADD COLUMN police_fields    text;

-- What stays of a closed incident after dispatch.retention: anonymous numbers, no ids, the hour
-- it opened rather than the moment.
CREATE TABLE incident_statistic (
    id          uuid             PRIMARY KEY DEFAULT gen_random_uuid(),
    opened_hour timestamptz      NOT NULL,
    kind        varchar(32),
    channel     varchar(16),
    categories  varchar(200),
    outcome     varchar(32),
    follow_up   varchar(32),
    ack_seconds double precision,
    escalated   boolean          NOT NULL
);

CREATE INDEX incident_statistic_opened_idx ON incident_statistic (opened_hour);
