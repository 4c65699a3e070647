package nl.alarmcentral.dispatch;

/** What is wrong with a worker's hardware button. */
public enum DeviceWarningType {
    /** It stopped sending heartbeats: a press may not reach the central. */
    OFFLINE,
    /** Its battery is low. */
    BATTERY_LOW
}
