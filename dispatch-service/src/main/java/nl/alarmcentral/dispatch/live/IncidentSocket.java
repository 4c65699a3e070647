package nl.alarmcentral.dispatch.live;

import jakarta.annotation.security.RolesAllowed;

import io.quarkus.websockets.next.OnOpen;
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

    private final ConsoleBroadcaster consoles;

    public IncidentSocket(ConsoleBroadcaster consoles) {
        this.consoles = consoles;
    }

    /** The snapshot, sent as the first frame. */
    @OnOpen
    public Uni<String> onOpen() {
        return consoles.snapshot();
    }
}
