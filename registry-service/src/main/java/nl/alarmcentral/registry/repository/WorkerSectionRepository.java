package nl.alarmcentral.registry.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.Section;
import nl.alarmcentral.registry.WorkerSection;

/** The encrypted parts of registrations, by worker and part. There is no search by content. */
@ApplicationScoped
public class WorkerSectionRepository implements PanacheRepositoryBase<WorkerSection, WorkerSection.Key> {

    public Uni<WorkerSection> find(String workerId, Section section) {
        return findById(new WorkerSection.Key(workerId, section));
    }

    public Uni<Long> deleteByWorker(String workerId) {
        return delete("id.workerId", workerId);
    }
}
