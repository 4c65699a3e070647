package nl.alarmcentral.dispatch.messaging;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import nl.alarmcentral.contract.event.AlarmEvent;

/** Reads {@link AlarmEvent} payloads (JSON) from {@code alarm.events}. */
public class AlarmEventDeserializer extends ObjectMapperDeserializer<AlarmEvent> {

    public AlarmEventDeserializer() {
        super(AlarmEvent.class);
    }
}
