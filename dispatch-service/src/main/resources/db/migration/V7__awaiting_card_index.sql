-- The card retry looks every few seconds for the few active incidents whose card is still missing;
-- without this index it read the whole incident table each time (11-27 ms at 48,000 incidents,
-- growing with every incident kept). IncidentRepository.listAwaitingCard writes these states as
-- literals, so that even a cached (generic) plan can use the index.
CREATE INDEX incident_awaiting_card_idx ON incident (opened_at)
    WHERE card_status IN ('PENDING', 'UNAVAILABLE') AND status <> 'CLOSED';
