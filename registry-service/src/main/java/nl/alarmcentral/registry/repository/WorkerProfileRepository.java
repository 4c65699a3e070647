package nl.alarmcentral.registry.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import nl.alarmcentral.registry.WorkerProfile;

/** Stored profiles, by worker id. There is deliberately no search by any personal field. */
@ApplicationScoped
public class WorkerProfileRepository implements PanacheRepositoryBase<WorkerProfile, String> {
}
