package nl.alarmcentral.dispatch.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.dispatch.ContactResult;
import nl.alarmcentral.dispatch.ContactTarget;
import nl.alarmcentral.dispatch.FollowUp;
import nl.alarmcentral.dispatch.HelpKind;
import nl.alarmcentral.dispatch.Incident;
import nl.alarmcentral.dispatch.IncidentAction;
import nl.alarmcentral.dispatch.IncidentActionType;
import nl.alarmcentral.dispatch.IncidentCategory;
import nl.alarmcentral.dispatch.IncidentOutcome;
import nl.alarmcentral.dispatch.IncidentStatus;
import nl.alarmcentral.dispatch.messaging.IncidentChangePublisher;
import nl.alarmcentral.dispatch.repository.IncidentActionRepository;
import nl.alarmcentral.dispatch.repository.IncidentRepository;

/**
 * What dispatchers do with an incident (docs/console-api.md): acknowledge, note, contact attempt,
 * help sent, resolve, close. Each action locks the incident, appends an entry with who and when to
 * its action log, and commits; then the change goes to every console and, when the incident was
 * taken now, its acknowledge time to the metrics. A finished incident (resolved or closed) refuses
 * every action but closing a resolved one.
 */
@ApplicationScoped
public class IncidentActionService {

    private static final Logger LOG = Logger.getLogger(IncidentActionService.class);

    private final IncidentRepository incidents;
    private final IncidentActionRepository actions;
    private final IncidentService incidentService;
    private final IncidentChangePublisher changes;
    private final IncidentCloser closer;
    private final IncidentMetrics metrics;

    public IncidentActionService(IncidentRepository incidents, IncidentActionRepository actions, IncidentService incidentService,
            IncidentChangePublisher changes, IncidentCloser closer, IncidentMetrics metrics) {
        this.incidents = incidents;
        this.actions = actions;
        this.incidentService = incidentService;
        this.changes = changes;
        this.closer = closer;
        this.metrics = metrics;
    }

    /** Takes the incident: once; repeating it changes nothing. */
    public Uni<Void> acknowledge(UUID incidentId, String actor) {
        return act(incidentId, (incident, now) -> {
            Step step = new Step();
            step.take(incident, actor, now);
            return step;
        });
    }

    /** A dispatcher's note on the timeline. */
    public Uni<Void> note(UUID incidentId, String actor, String text) {
        return act(incidentId, (incident, now) -> new Step().append(incident, IncidentActionType.NOTE, now, actor, null, text));
    }

    /** A call to her or a trusted contact, and how it went. */
    public Uni<Void> contactAttempt(UUID incidentId, String actor, ContactTarget target, ContactResult result, String note) {
        return act(incidentId, (incident, now) -> new Step().append(incident, IncidentActionType.CONTACT_ATTEMPT, now, actor,
                target.name() + ":" + result.name(), note));
    }

    /** Help is on its way; takes the incident too if nobody had. */
    public Uni<Void> helpSent(UUID incidentId, String actor, HelpKind kind, String reference) {
        return act(incidentId, (incident, now) -> {
            Step step = new Step();
            step.take(incident, actor, now);
            incident.status = IncidentStatus.HELP_SENT;
            return step.append(incident, IncidentActionType.HELP_SENT, now, actor, kind.name(), reference);
        });
    }

    /**
     * Records the outcome, what happened and the follow-up she chose; the incident leaves the
     * console's list and is closed automatically after {@code dispatch.close-after}.
     */
    public Uni<Void> resolve(UUID incidentId, String actor, IncidentOutcome outcome, List<IncidentCategory> categories,
            FollowUp followUp) {
        return act(incidentId, (incident, now) -> {
            Step step = new Step();
            step.take(incident, actor, now);
            incident.status = IncidentStatus.RESOLVED;
            incident.resolvedAt = now;
            incident.outcome = outcome;
            incident.categories = IncidentCategory.join(categories);
            incident.followUp = followUp;
            return step.append(incident, IncidentActionType.RESOLVED, now, actor, outcome.name(), null);
        });
    }

    /** Closes a resolved incident: its card and alarms' details are dropped, the registry is told. */
    public Uni<Void> close(UUID incidentId, String actor) {
        return Panache.withTransaction(() -> incidents.findLocked(incidentId).flatMap(incident -> {
            if (incident == null) {
                throw ProblemException.notFound("No such incident.");
            }
            if (incident.status != IncidentStatus.RESOLVED) {
                throw ProblemException.conflict("Only a resolved incident can be closed; this one is " + incident.status + ".");
            }
            return incidentService.closeLocked(incident, actor, Instant.now());
        })).map(closer::announced).replaceWithVoid();
    }

    /**
     * Runs an action on the locked incident in one transaction, then (after the commit) tells the
     * consoles and records the acknowledge time.
     */
    private Uni<Void> act(UUID incidentId, BiFunction<Incident, Instant, Step> action) {
        return Panache.withTransaction(() -> incidents.findLocked(incidentId).flatMap(incident -> {
            if (incident == null) {
                throw ProblemException.notFound("No such incident.");
            }
            if (incident.isFinished()) {
                throw ProblemException.conflict("The incident is " + incident.status + "; it takes no further actions.");
            }
            Step step = action.apply(incident, Instant.now());
            if (step.entries.isEmpty()) {
                return Uni.createFrom().item(step);
            }
            // In the order they were made: an implied acknowledgement before the help it came with.
            return actions.persist(step.entries).flatMap(ignored -> incidentService.changed(incident)).map(change -> {
                step.change = change;
                return step;
            });
        })).invoke(step -> {
            changes.changed(step.change);
            if (step.acknowledgedAfter != null) {
                metrics.acknowledged(step.acknowledgedAfter);
            }
        }).replaceWithVoid();
    }

    /**
     * What an action does inside its transaction: the entries it appends, and the acknowledge time
     * when it took the incident now; after the commit, the change for the consoles.
     */
    private static final class Step {

        final List<IncidentAction> entries = new ArrayList<>();
        Duration acknowledgedAfter;
        IncidentChange change;

        /** Takes the incident for {@code actor} unless somebody has. */
        void take(Incident incident, String actor, Instant now) {
            if (incident.acknowledgedAt != null) {
                return;
            }
            incident.acknowledgedAt = now;
            incident.acknowledgedBy = actor;
            if (incident.status == IncidentStatus.OPEN) {
                incident.status = IncidentStatus.ACKNOWLEDGED;
            }
            acknowledgedAfter = Duration.between(incident.openedAt, now);
            LOG.infof("An incident was acknowledged after %d ms", acknowledgedAfter.toMillis());
            append(incident, IncidentActionType.ACKNOWLEDGED, now, actor, null, null);
        }

        Step append(Incident incident, IncidentActionType type, Instant now, String actor, String detail, String text) {
            incident.changed(now);
            entries.add(IncidentAction.of(incident, type, now, actor, detail, text));
            return this;
        }
    }
}
