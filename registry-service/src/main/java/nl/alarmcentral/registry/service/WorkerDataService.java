package nl.alarmcentral.registry.service;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.Disclosure;
import nl.alarmcentral.registry.DisclosureOutcome;
import nl.alarmcentral.registry.DisclosurePurpose;
import nl.alarmcentral.registry.repository.DeviceRepository;
import nl.alarmcentral.registry.repository.DisclosureRepository;
import nl.alarmcentral.registry.rest.DisclosuresView;
import nl.alarmcentral.registry.rest.DeviceOwnerResource;
import nl.alarmcentral.registry.rest.ExportView;
import nl.alarmcentral.registry.rest.ProfileView;

/**
 * Her right of access: the whole file in one export, and her disclosure log. An export is itself
 * recorded in her log (purpose {@link DisclosurePurpose#WORKER_OWN_ACCESS}), so she can see when
 * everything left the registry; it is never counted or shown as an emergency disclosure.
 */
@ApplicationScoped
public class WorkerDataService {

    /** What an export discloses, as recorded in her log. */
    static final List<String> EXPORT_FIELDS = List.of("profile", "notes", "addresses", "procedure", "contacts", "consents",
            "disclosures");

    private final WorkerKeyService keys;
    private final WorkerRecords records;
    private final DisclosureRepository disclosures;
    private final DeviceRepository devices;

    public WorkerDataService(WorkerKeyService keys, WorkerRecords records, DisclosureRepository disclosures,
            DeviceRepository devices) {
        this.devices = devices;
        this.keys = keys;
        this.records = records;
        this.disclosures = disclosures;
    }

    /** Her disclosure log, newest first. */
    @WithSession
    public Uni<DisclosuresView> disclosures(String workerId) {
        return log(workerId).map(DisclosuresView::new);
    }

    /**
     * Everything stored about her.
     *
     * @param requestedBy the client she used (the token's {@code azp})
     */
    @WithTransaction
    public Uni<ExportView> export(String workerId, String requestedBy) {
        Instant now = Instant.now();
        return keys.existingKeyFor(workerId).flatMap(key -> {
            if (key == null) {
                // Nothing readable is stored about her; her log may still hold refused requests.
                return log(workerId).map(log -> new ExportView(now, workerId, null, null, List.of(), List.of(), List.of(),
                        ConsentLedger.empty().view(), List.of(), log));
            }
            return records.load(workerId, key).flatMap(record -> log(workerId).flatMap(log -> devices.listOf(workerId).flatMap(buttons -> {
                ProfileView profile = record.profile();
                ExportView export = new ExportView(now, workerId, profile, record.notes(), record.addresses(),
                        record.procedure(), record.contacts(), record.consents().view(),
                        buttons.stream().map(b -> new DeviceOwnerResource.DeviceOwnerList.Item(b.deviceId, b.boundAt,
                                b.heartbeatIntervalSeconds)).toList(), log);
                Disclosure own = new Disclosure();
                own.id = UUID.randomUUID();
                own.workerId = workerId;
                own.purpose = DisclosurePurpose.WORKER_OWN_ACCESS;
                own.outcome = DisclosureOutcome.GRANTED;
                own.requestedBy = requestedBy;
                own.fields = String.join(",", EXPORT_FIELDS);
                own.disclosedAt = now;
                return disclosures.persist(own).replaceWith(export);
            })));
        });
    }

    private Uni<List<DisclosuresView.Entry>> log(String workerId) {
        return disclosures.listByWorker(workerId).map(rows -> rows.stream()
                .map(row -> new DisclosuresView.Entry(row.disclosedAt, row.purpose, row.outcome, row.reason, row.incidentId,
                        row.requestedBy, row.fields.isEmpty() ? List.of() : Arrays.asList(row.fields.split(","))))
                .toList());
    }
}
