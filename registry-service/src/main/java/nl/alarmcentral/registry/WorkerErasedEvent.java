package nl.alarmcentral.registry;

/**
 * Fired (synchronously, as a CDI event) when a worker withdraws: everything the registry holds
 * about her is being erased. Observers drop what they keep about her; the devices part unbinds
 * her buttons ({@code DeviceService.unbindAllOf}).
 *
 * @param workerId her account id
 */
public record WorkerErasedEvent(String workerId) {
}
