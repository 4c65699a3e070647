package nl.alarmcentral.alarm.rest;

import java.util.UUID;

import nl.alarmcentral.contract.crypto.SealedValue;

/**
 * What dispatch may fetch about one alarm besides the event (claim check): personal data that is
 * kept out of Kafka, sealed to her public keyset. alarm-service cannot read it; dispatch hands each
 * value unchanged, with the incident id, to the registry, which opens it and records the disclosure.
 *
 * @param alarmId   the alarm
 * @param location  where the phone or button was ({@code ALARM_POSITION}, subject the alarm id,
 *                  JSON {@code AlarmPosition} inside), or null: none sent, her keyset was not known,
 *                  or it was dropped
 * @param timerNote the note of the safety timer the alarm came from (a missed check-in, or a
 *                  check-in confirmed with the duress PIN; {@code TIMER_NOTE}, subject the timer id),
 *                  or null
 */
public record AlarmDetails(UUID alarmId, SealedValue location, SealedValue timerNote) {
}
