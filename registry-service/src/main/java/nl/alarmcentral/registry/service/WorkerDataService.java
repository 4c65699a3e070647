package nl.alarmcentral.registry.service;

import java.time.Duration;
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
import nl.alarmcentral.registry.config.RegistryConfig;
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
 *
 * <p>Both show a record made for an incident only once the incident closed and
 * {@code registry.disclosures.visible-after} passed: after a duress, whoever holds her phone must not
 * see that the central looked at her card. Until then the answers are exactly what they were before
 * the record was made.
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

    private final RegistryConfig config;

    public WorkerDataService(WorkerKeyService keys, WorkerRecords records, DisclosureRepository disclosures,
            DeviceRepository devices, RegistryConfig config) {
        this.devices = devices;
        this.config = config;
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

    /** The entries she may see now. */
    private Uni<List<DisclosuresView.Entry>> log(String workerId) {
        Duration delay = config.disclosures().visibleAfter();
        return disclosures.listVisibleToWorker(workerId, Instant.now().minus(delay)).map(rows -> rows.stream()
                .map(visible -> {
                    Disclosure row = visible.disclosure();
                    Instant closedAt = visible.incidentClosedAt();
                    return new DisclosuresView.Entry(row.disclosedAt, row.purpose, row.outcome, row.reason, row.incidentId,
                            row.requestedBy, row.fields.isEmpty() ? List.of() : Arrays.asList(row.fields.split(",")),
                            closedAt, closedAt == null ? null : closedAt.plus(delay));
                })
                .toList());
    }
}
