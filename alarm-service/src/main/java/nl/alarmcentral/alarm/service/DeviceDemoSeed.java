package nl.alarmcentral.alarm.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import nl.alarmcentral.alarm.config.DeviceConfig;

/**
 * Binds two demo buttons to the demo workers at startup when {@code alarm.devices.demo-seed=true}
 * (the local stack), until registry-service binds real buttons. Their secrets are in the
 * repository and in {@code docs/devices.md}: never turn this on where real people work.
 */
@ApplicationScoped
public class DeviceDemoSeed {

    private static final Logger LOG = Logger.getLogger(DeviceDemoSeed.class);

    /** The demo buttons: worker1 and worker2 of the demo realm. */
    static final List<DemoDevice> DEVICES = List.of(
            new DemoDevice("demo-button-1", "3fb648d7-7729-4083-b4ce-d68411edcb17", "demo-button-1-secret"),
            new DemoDevice("demo-button-2", "0fae09f1-a131-4b11-90f1-8051a61e0a6d", "demo-button-2-secret"));

    static final int HEARTBEAT_INTERVAL_SECONDS = 300;

    private final DeviceConfig config;
    private final DeviceBindingService bindings;

    public DeviceDemoSeed(DeviceConfig config, DeviceBindingService bindings) {
        this.config = config;
        this.bindings = bindings;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        if (!config.demoSeed()) {
            return;
        }
        for (DemoDevice device : DEVICES) {
            boolean bound = VertxContextSupport.subscribeAndAwait(() -> bindings.bindDemo(device.deviceId(), device.workerId(),
                    device.secret(), HEARTBEAT_INTERVAL_SECONDS));
            LOG.infof("A demo button %s (alarm.devices.demo-seed=true: demo only)",
                    bound ? "bound" : "already bound");
        }
    }

    record DemoDevice(String deviceId, String workerId, String secret) {
    }
}
