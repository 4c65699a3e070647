package nl.alarmcentral.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of registry-service ({@code registry.*}). */
@ConfigMapping(prefix = "registry")
public interface RegistryConfig {

    /** Encryption at rest. */
    Crypto crypto();

    interface Crypto {
        /**
         * The master key that wraps every worker's data key: 32 random bytes, base64. Comes from a
         * secret ({@code REGISTRY_CRYPTO_MASTER_KEY}), never from the database or the repository.
         */
        String masterKey();

        /** Name of the master key above, stored next to each wrapped key so keys can be rotated. */
        @WithDefault("k1")
        String masterKeyId();
    }
}
