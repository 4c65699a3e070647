package nl.alarmcentral.alarm.crypto;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import nl.alarmcentral.alarm.config.DeviceConfig;
import nl.alarmcentral.contract.device.DeviceSecretSeal;

/**
 * alarm-service's {@link DeviceSecretSeal}, with the binding key from its configuration
 * ({@code alarm.devices.binding-key}): opens the secrets registry-service sealed on
 * {@code device.bindings} (and seals the demo buttons' secrets).
 */
@Singleton
public class DeviceSecretCipher extends DeviceSecretSeal {

    @Inject
    public DeviceSecretCipher(DeviceConfig config) {
        super(config.bindingKey());
    }

    /** For tests and tools that have the key at hand. */
    public DeviceSecretCipher(String base64Key) {
        super(base64Key);
    }
}
