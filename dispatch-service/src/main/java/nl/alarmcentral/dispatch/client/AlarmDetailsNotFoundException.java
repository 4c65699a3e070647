package nl.alarmcentral.dispatch.client;

import java.util.UUID;

/**
 * alarm-service has no details for an alarm: not yet (the event can reach dispatch before
 * alarm-service has committed the alarm), or no longer (erased).
 */
public class AlarmDetailsNotFoundException extends RuntimeException {

    public AlarmDetailsNotFoundException(UUID alarmId) {
        super("No details for alarm " + alarmId);
    }
}
