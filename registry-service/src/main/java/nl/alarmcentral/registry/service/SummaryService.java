package nl.alarmcentral.registry.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.repository.KnownIncidentRepository;
import nl.alarmcentral.registry.repository.WorkerProfileRepository;
import nl.alarmcentral.registry.rest.SummaryView;

/** Counts for coordinators: how many, never who. */
@ApplicationScoped
public class SummaryService {

    private final WorkerProfileRepository profiles;
    private final KnownIncidentRepository incidents;

    public SummaryService(WorkerProfileRepository profiles, KnownIncidentRepository incidents) {
        this.profiles = profiles;
        this.incidents = incidents;
    }

    @WithSession
    public Uni<SummaryView> summary() {
        return profiles.count().flatMap(registered -> incidents.countOpen()
                // Bound buttons are counted by the devices part of the registry (issue 4, devices): 0 until then.
                .map(open -> new SummaryView(registered, 0, open)));
    }
}
