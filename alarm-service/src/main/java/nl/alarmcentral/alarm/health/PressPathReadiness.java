package nl.alarmcentral.alarm.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.oidc.runtime.TenantConfigBean;
import io.quarkus.oidc.runtime.TenantConfigContext;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.value.registry.ValueRegistry;
import io.quarkus.vertx.http.HttpServer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import nl.alarmcentral.contract.messaging.ConsumerGroups;
import nl.alarmcentral.alarm.messaging.AlarmEventPublisher;
import nl.alarmcentral.alarm.messaging.OutgoingEvent;
import nl.alarmcentral.alarm.rest.AlarmReceipt;
import nl.alarmcentral.alarm.rest.RaiseAlarmRequest;
import nl.alarmcentral.alarm.service.AlarmService;
import nl.alarmcentral.alarm.web.AlarmSessionWithoutIdp;
import nl.alarmcentral.alarm.web.WorkerAppTenantResolver;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.contract.problem.Unavailability;

/**
 * Ready means ready (issue 21): {@code /q/health/ready} is UP only when the first press after it
 * is served as fast as later ones. Until then, every second, the press path is run through its own
 * code without touching any worker's data and without an event that dispatch acts on:
 * <ul>
 * <li>database: the press's transaction for a synthetic alarm of a reserved worker id (her keyset
 * looked up, a sample position sealed to a throwaway key, its event published as a rehearsal and
 * acknowledged by the broker), rolled back
 * ({@link AlarmService#rehearse()}), repeated until {@value #FAST_IN_A_ROW} runs in a row take less
 * than {@link #FAST} (or {@value #MAX_REHEARSALS} runs were made: then ready anyway, logged);</li>
 * <li>JSON and validation: a sample press body read and validated, the event and the receipt of
 * the synthetic alarm written (Jackson and Hibernate Validator build their (de)serialisers and
 * constraint metadata on first use);</li>
 * <li>broker: the producer connected, the metadata of {@code alarm.events} fetched, and one
 * rehearsal event sent through the alarms' own channel and acknowledged
 * ({@link AlarmService#rehearsalEvent()}, type {@code PATH_REHEARSAL}, which every consumer skips),
 * also when the database is away (then a press goes to the broker alone). From "accepted" to its
 * answer, a fresh start's first press took 127-138 ms on the local stack with only this send
 * rehearsed, and 77 ms once the database rehearsal published too (later presses 20-30 ms);</li>
 * <li>the row follower has its first partition assignment ({@link ConsumerGroups});</li>
 * <li>the OIDC tenants (bearer tokens, the app's session, {@value AlarmSessionWithoutIdp#GRACE_TENANT})
 * initialised: the realm's verification keys loaded;</li>
 * <li>HTTP: a press without a token sent to the service itself over 127.0.0.1 (HTTP/1.1, as phones
 * and buttons send it), answered 401. The first request a fresh server answers costs about 80 ms
 * more than later ones (the connection's codec, the security chain, the access log), measured on
 * the local stack; the probes' HTTP/2 requests do not warm that. It shows as one 401 on
 * {@code http_server_requests} at each start.</li>
 * </ul>
 * A store that is away at start does not keep the service out of rotation, because a press works
 * while either store can take it: the database away ({@value #AWAY_TICKS} ticks in a row), it is
 * ready once the broker path is warm;
 * the broker away, once the database path is warm (the follower's assignment is then waited for
 * only while the broker is there). Neither: not ready. Keycloak away: ready (buttons and timers need
 * no token, and its keys load at the first request after it is back); the check says so. Once UP
 * it stays UP: later outages are handled by the press path's fallbacks, not by leaving rotation.
 * Nothing here blocks an event loop: every step is asynchronous with its own timeout.
 */
@Readiness
@ApplicationScoped
public class PressPathReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(PressPathReadiness.class);

    /** A rehearsal faster than this counts as warm. */
    static final Duration FAST = Duration.ofMillis(100);
    static final int FAST_IN_A_ROW = 3;
    static final int MAX_REHEARSALS = 30;
    /**
     * Warm-up ticks in a row in which the database counted as away before the service is ready
     * without it. One is not enough: at a fresh start on two cores the event loops were blocked
     * for 2-4 s by first-time work, a rehearsal timed out, and the service said ready with its
     * database path cold (CI, 2026-12-07: the first press then took 1115 ms to its 202).
     */
    static final int AWAY_TICKS = 3;
    /** Rehearsals per warm-up tick. */
    private static final int REHEARSALS_PER_TICK = 5;
    /** A press as the app sends it (no real worker: it is only read and validated). */
    private static final String SAMPLE_PRESS = "{\"kind\":\"PANIC\",\"clientRef\":\"00000000-0000-0000-0000-000000000000\","
            + "\"location\":{\"lat\":52.0,\"lon\":5.0,\"accuracyM\":10.0,\"capturedAt\":\"2026-01-01T00:00:00Z\"}}";
    /** How long one step may take before its dependency counts as away for this tick. */
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(5);

    enum State {
        WARMING, WARM, AWAY
    }

    private final AlarmService alarms;
    private final AlarmEventPublisher publisher;
    private final KafkaClientService kafka;
    /** The row follower's consumer group (channel {@code alarm-rows}). */
    static final String ROW_FOLLOWER_GROUP = "alarm-service-alarm-rows";

    private final ConsumerGroups groups;
    private final TenantConfigBean tenants;
    private final ObjectMapper json;
    private final Validator validator;
    private final Vertx vertx;
    /** Where Quarkus keeps the HTTP server's actual port. */
    private final ValueRegistry values;

    private volatile boolean ready;
    private volatile State database = State.WARMING;
    private volatile State broker = State.WARMING;
    private volatile State identityProvider = State.WARMING;
    private volatile State http = State.WARMING;
    private volatile long lastRehearsalMicros = -1;
    private int rehearsals;
    private int fastInARow;
    private int databaseAwayTicks;

    public PressPathReadiness(AlarmService alarms, AlarmEventPublisher publisher, KafkaClientService kafka,
            ConsumerGroups groups,
            TenantConfigBean tenants, ObjectMapper json, Validator validator, Vertx vertx, ValueRegistry values) {
        this.alarms = alarms;
        this.publisher = publisher;
        this.kafka = kafka;
        this.groups = groups;
        this.tenants = tenants;
        this.json = json;
        this.validator = validator;
        this.vertx = vertx;
        this.values = values;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("press path")
                .status(ready)
                .withData("database", database.name())
                .withData("broker", broker.name())
                .withData("rowFollower", followerAssigned() ? "ASSIGNED" : "WAITING")
                .withData("identityProvider", identityProvider.name())
                .withData("http", http.name());
        if (lastRehearsalMicros >= 0) {
            response.withData("lastRehearsalMicros", lastRehearsalMicros);
        }
        return response.build();
    }

    private boolean followerAssigned() {
        return groups.state(ROW_FOLLOWER_GROUP).map(ConsumerGroups.JobState::isAssigned).orElse(false);
    }

    /** Whether the press path is warm (the readiness status). */
    public boolean isReady() {
        return ready;
    }

    @Scheduled(identity = "press-path-warm-up", every = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> warmUp() {
        if (ready) {
            return Uni.createFrom().voidItem();
        }
        return warmIdentityProvider()
                .chain(this::warmHttp)
                .chain(this::warmBroker)
                .chain(this::warmDatabase)
                .invoke(this::decide)
                .onFailure().invoke(e -> LOG.warnf("Warming up the press path failed (%s); trying again",
                        e.getClass().getName()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * The decision itself, from what the warm-up has seen: one store warm (the database, or the
     * broker once the database counted as away {@value #AWAY_TICKS} ticks in a row), the broker
     * settled (away, or warm with the row follower assigned), and the identity provider and the
     * HTTP path past warming.
     */
    static boolean ready(State database, int databaseAwayTicks, State broker, boolean followerAssigned,
            State identityProvider, State http) {
        boolean databaseAway = database == State.AWAY && databaseAwayTicks >= AWAY_TICKS;
        boolean oneStoreWarm = database == State.WARM || (databaseAway && broker == State.WARM);
        boolean brokerSettled = broker == State.AWAY || (broker == State.WARM && followerAssigned);
        return oneStoreWarm && brokerSettled && identityProvider != State.WARMING && http != State.WARMING;
    }

    private void decide() {
        if (ready(database, databaseAwayTicks, broker, followerAssigned(), identityProvider, http)) {
            ready = true;
            LOG.infof("The press path is warm (database %s, broker %s, identity provider %s, http %s, last rehearsal %d us): ready",
                    database, broker, identityProvider, http, lastRehearsalMicros);
        }
    }

    /** Every OIDC tenant initialised (metadata and verification keys loaded), or the provider away. */
    private Uni<Void> warmIdentityProvider() {
        if (identityProvider != State.WARMING) {
            return Uni.createFrom().voidItem();
        }
        List<TenantConfigContext> contexts = new ArrayList<>();
        contexts.add(tenants.getDefaultTenant());
        contexts.add(tenants.getStaticTenant(WorkerAppTenantResolver.WEB));
        contexts.add(tenants.getStaticTenant(AlarmSessionWithoutIdp.GRACE_TENANT));
        return Multi.createFrom().iterable(contexts)
                .onItem().transformToUniAndConcatenate(context -> context == null || context.ready()
                        ? Uni.createFrom().item(true)
                        : context.initialize().map(TenantConfigContext::ready).ifNoItem().after(STEP_TIMEOUT).fail())
                .collect().asList()
                .map(readiness -> readiness.stream().allMatch(Boolean::booleanValue))
                .onFailure().recoverWithItem(false)
                .invoke(allReady -> {
                    if (allReady) {
                        identityProvider = State.WARM;
                    } else {
                        identityProvider = State.AWAY;
                        LOG.warn("The identity provider cannot be reached at start: tokens cannot be verified until it is "
                                + "back; buttons and safety timers work meanwhile");
                    }
                })
                .replaceWithVoid();
    }

    /**
     * One press without a token to the service itself (any answer will do: 401 is expected); if it
     * cannot be sent (port not known, connection refused) that is logged and readiness goes on.
     */
    private Uni<Void> warmHttp() {
        if (http != State.WARMING) {
            return Uni.createFrom().voidItem();
        }
        HttpServer server = values.containsKey(HttpServer.HTTP_SERVER) ? values.get(HttpServer.HTTP_SERVER) : null;
        int port = server == null ? 0 : server.getPort();
        if (port <= 0) {
            // The server has not started yet (the first tick can come before it).
            return Uni.createFrom().voidItem();
        }
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
        return client.request(HttpMethod.POST, "/api/alarms")
                .flatMap(request -> request.putHeader("Content-Type", "application/json").send(SAMPLE_PRESS))
                .flatMap(response -> response.body().replaceWith(response.statusCode()))
                .ifNoItem().after(STEP_TIMEOUT).fail()
                .onItemOrFailure().invoke((status, failure) -> {
                    http = failure == null ? State.WARM : State.AWAY;
                    if (failure != null) {
                        LOG.warnf("The press path's HTTP warm-up request failed (%s); ready without it", failure.getClass().getName());
                    }
                })
                .onFailure().recoverWithNull()
                .eventually(client::close)
                .replaceWithVoid();
    }

    /** The producer connected, {@code alarm.events}' partitions known and one rehearsal acknowledged. */
    private Uni<Void> warmBroker() {
        if (broker == State.WARM) {
            return Uni.createFrom().voidItem();
        }
        KafkaProducer<String, Object> producer = kafka.getProducer("alarm-events");
        if (producer == null) {
            // The messaging channels are not started yet (the first tick can come before them).
            return Uni.createFrom().voidItem();
        }
        return producer.partitionsFor(Topics.ALARM_EVENTS)
                .ifNoItem().after(STEP_TIMEOUT).fail()
                .flatMap(partitions -> partitions == null || partitions.isEmpty()
                        ? Uni.createFrom().item(false)
                        : publisher.send(alarms.rehearsalEvent()).ifNoItem().after(STEP_TIMEOUT).fail().replaceWith(true))
                .onItemOrFailure().invoke((sent, failure) -> {
                    if (failure == null && Boolean.TRUE.equals(sent)) {
                        broker = State.WARM;
                    } else if (failure != null && Unavailability.isUnavailable(failure)) {
                        broker = State.AWAY;
                    }
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** A few rehearsals of the press's transaction and its JSON. */
    private Uni<Void> warmDatabase() {
        if (database == State.WARM) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().range(0, REHEARSALS_PER_TICK)
                .onItem().transformToUniAndConcatenate(ignored -> database == State.WARM
                        ? Uni.createFrom().voidItem()
                        : rehearseOnce())
                .collect().last()
                .onFailure().invoke(failure -> {
                    if (Unavailability.isUnavailable(failure)) {
                        database = State.AWAY;
                        databaseAwayTicks++;
                        // The broker path still needs its JSON warm.
                        serialise(null);
                    }
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Void> rehearseOnce() {
        long started = System.nanoTime();
        return alarms.rehearse().ifNoItem().after(STEP_TIMEOUT).fail().invoke(event -> {
            serialise(event);
            databaseAwayTicks = 0;
            if (database == State.AWAY) {
                database = State.WARMING;
            }
            long micros = (System.nanoTime() - started) / 1000;
            lastRehearsalMicros = micros;
            rehearsals++;
            fastInARow = micros < FAST.toNanos() / 1000 ? fastInARow + 1 : 0;
            if (fastInARow >= FAST_IN_A_ROW) {
                database = State.WARM;
            } else if (rehearsals >= MAX_REHEARSALS) {
                database = State.WARM;
                LOG.warnf("The press path stays slow after %d rehearsals (last %d us); ready anyway", rehearsals, micros);
            }
        }).replaceWithVoid();
    }

    /**
     * Reads and validates a sample press and writes an event and a receipt, so that the first real
     * ones do not build the (de)serialisers and constraint metadata.
     */
    private void serialise(OutgoingEvent event) {
        try {
            RaiseAlarmRequest sample = json.readValue(SAMPLE_PRESS, RaiseAlarmRequest.class);
            if (!validator.validate(sample).isEmpty()) {
                throw new IllegalStateException("The sample press is not valid");
            }
            if (event != null) {
                json.writeValueAsBytes(event.payload());
            }
            json.writeValueAsBytes(new AlarmReceipt(new UUID(0, 0), Instant.now()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An alarm or receipt cannot be serialised", e);
        }
    }
}
