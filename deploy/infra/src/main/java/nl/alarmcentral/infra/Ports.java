package nl.alarmcentral.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Port helpers: free ports for tests, and "is something already listening here". */
public final class Ports {

    /** Ports handed out by this process: the system may offer a port again once its probe socket is closed. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /**
     * A port that was free on 127.0.0.1 a moment ago and that this process has not handed out
     * before (a stack's ports are all chosen before any of them is taken, and the system may offer
     * the same free port twice).
     */
    public static int free() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new InfraException("No free port on 127.0.0.1", e);
            }
        }
        throw new InfraException("No free port on 127.0.0.1 that was not handed out before");
    }

    /** Whether something accepts connections on 127.0.0.1 at this port. */
    public static boolean inUse(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
