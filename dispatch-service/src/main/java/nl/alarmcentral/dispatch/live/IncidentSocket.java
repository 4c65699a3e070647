package nl.alarmcentral.dispatch.live;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.quarkus.websockets.next.WebSocket;
import io.smallrye.mutiny.Uni;

/**
 * The console's live list, {@code /ws/incidents}: on connect a snapshot of every incident that is
 * not finished, then a frame for every change ({@link ConsoleBroadcaster}). Only dispatchers and
 * supervisors get through the handshake (session cookie of the console, or a bearer token for
 * tools); the console never polls. Frames: {@link IncidentFrame}, docs/console-api.md.
 */
@WebSocket(path = "/ws/incidents", endpointId = IncidentSocket.ENDPOINT_ID)
@RolesAllowed({"dispatcher", "supervisor"})
public class IncidentSocket {

    /** How {@link ConsoleBroadcaster} finds this endpoint's connections. */
    static final String ENDPOINT_ID = "incidents";

    /** WebSocket close code 1001: the server goes away; the console reconnects (to another instance). */
    private static final CloseReason GOING_AWAY = new CloseReason(1001, "going away");

    private final ConsoleBroadcaster consoles;
    private final OpenConnections connections;

    public IncidentSocket(ConsoleBroadcaster consoles, OpenConnections connections) {
        this.consoles = consoles;
        this.connections = connections;
    }

    /** Set when this instance stops: consoles that connect from then on are sent away at once. */
    private volatile boolean stopping;

    /**
     * The snapshot, sent as the first frame; or, while this instance stops, "going away" at once,
     * so that a console reconnecting to the same address does not hold up the stop (it tries again
     * and reaches another instance, or this one once it is back).
     */
    @OnOpen
    public Uni<String> onOpen(WebSocketConnection connection) {
        if (stopping) {
            return connection.close(GOING_AWAY).replaceWith((String) null);
        }
        return consoles.snapshot();
    }

    /**
     * When this instance stops, its consoles are told to go ("going away") at once: they reconnect
     * to another instance within a second, and the stop does not wait for them to leave by
     * themselves (a console stays connected for a whole shift).
     */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        connections.findByEndpointId(ENDPOINT_ID).forEach(console -> console.close(GOING_AWAY)
                .subscribe().with(closed -> { }, failure -> { }));
    }
}
