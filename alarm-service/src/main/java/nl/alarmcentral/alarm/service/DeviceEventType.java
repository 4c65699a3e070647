package nl.alarmcentral.alarm.service;

/** What a button reports in one request ({@code docs/devices.md}). */
public enum DeviceEventType {
    /** The alarm button: a visible alarm (kind PANIC). */
    SOS,
    /** The discreet alarm: kind SILENT. */
    SILENT_SOS,
    /** "I am still here": only updates when the button was last heard from. */
    HEARTBEAT,
    /** The battery is low: a warning to the central, not an alarm. */
    LOW_BATTERY
}
