package nl.alarmcentral.contract.crypto;

import java.security.GeneralSecurityException;

import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.hybrid.HybridConfig;

/** Registers Tink's key managers once per JVM, before the first keyset is built or parsed. */
final class Tink {

    private static volatile boolean registered;

    private Tink() {
    }

    static void register() {
        if (registered) {
            return;
        }
        synchronized (Tink.class) {
            if (!registered) {
                try {
                    AeadConfig.register();
                    HybridConfig.register();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("Tink cannot register its AEAD and hybrid key managers", e);
                }
                registered = true;
            }
        }
    }
}
