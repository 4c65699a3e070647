package nl.alarmcentral.alarm.service;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Alarm ids are derived from the worker and the client's reference for the press. A retry of the
 * same press therefore carries the same id in every case, even when the first attempt reached the
 * broker but its answer was lost: dispatch recognises the repeat by the id and keeps one alarm.
 */
public final class AlarmIds {

    private AlarmIds() {
    }

    public static UUID of(String workerId, UUID clientRef) {
        return UUID.nameUUIDFromBytes(("alarm:" + workerId + ":" + clientRef).getBytes(StandardCharsets.UTF_8));
    }
}
