package nl.alarmcentral.registry.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.repository.DeviceRepository;
import nl.alarmcentral.registry.repository.KnownIncidentRepository;
import nl.alarmcentral.registry.repository.WorkerProfileRepository;
import nl.alarmcentral.registry.rest.SummaryView;

/** Counts for coordinators: how many, never who. */
@ApplicationScoped
public class SummaryService {

    private final WorkerProfileRepository profiles;
    private final KnownIncidentRepository incidents;
    private final DeviceRepository devices;

    public SummaryService(WorkerProfileRepository profiles, KnownIncidentRepository incidents, DeviceRepository devices) {
        this.profiles = profiles;
        this.incidents = incidents;
        this.devices = devices;
    }

    @WithSession
    public Uni<SummaryView> summary() {
        return profiles.count().flatMap(registered -> incidents.countOpen()
                .flatMap(open -> devices.count().map(bound -> new SummaryView(registered, bound, open))));
    }
}
