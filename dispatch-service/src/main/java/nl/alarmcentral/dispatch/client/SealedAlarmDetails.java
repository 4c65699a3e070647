package nl.alarmcentral.dispatch.client;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import nl.alarmcentral.contract.crypto.SealedValue;

/**
 * An alarm's details as alarm-service answers them (claim check): sealed to her key, so that
 * dispatch holds nothing readable until the registry opens each value for an open incident (and
 * records that look). Unknown fields are ignored and every field may be missing, so alarm-service
 * can add fields before dispatch shows them. Opened, they become {@link AlarmDetails}.
 *
 * @param alarmId   the alarm
 * @param location  her position ({@code ALARM_POSITION}, JSON of the contract's {@code AlarmPosition}), or null
 * @param timerNote the note she left with a safety timer ({@code TIMER_NOTE}, UTF-8 text), or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SealedAlarmDetails(UUID alarmId, SealedValue location, SealedValue timerNote) {
}
