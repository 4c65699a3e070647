package nl.alarmcentral.registry.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of registry-service ({@code registry.*}). */
@ConfigMapping(prefix = "registry")
public interface RegistryConfig {

    /** Encryption at rest. */
    Crypto crypto();

    /** Where each worker's vault key lives (outside the database). */
    KeyVault keyVault();

    /** Dispatch cards. */
    Disclosure disclosure();

    /** Her disclosure log, as she reads it ({@code GET /api/me/disclosures} and her export). */
    Disclosures disclosures();

    /** The registration event on {@code worker.registrations}. */
    Registration registration();

    /** Withdrawal (erasure) of a worker. */
    Erasure erasure();

    /** How long records that name no registered worker are kept. */
    Retention retention();

    interface Crypto {
        /**
         * The master key that wraps every worker's vault key (and, until they move into the vault at
         * her next write, the keys of workers registered before it): 32 random bytes, base64. Comes from a secret ({@code REGISTRY_CRYPTO_MASTER_KEY}), never from the database
         * or the repository. It is the primary key of the master ring: everything wrapped from now
         * on uses it.
         */
        String masterKey();

        /**
         * Earlier master keys, each 32 random bytes in base64, comma-separated
         * ({@code REGISTRY_CRYPTO_PREVIOUS_MASTER_KEYS}): they only unwrap what they wrapped before a
         * rotation. Rotating: the new key becomes {@code master-key}, the old one moves here. None by
         * default.
         */
        Optional<List<String>> previousMasterKeys();
    }

    interface KeyVault {
        /**
         * The directory of the vault keys, one file per worker ({@code REGISTRY_KEY_VAULT_DIRECTORY}).
         * It must survive restarts like the database, be shared by every replica of the registry,
         * and never be backed up or snapshotted: a deleted file must be gone for good, because that
         * deletion is what makes her old copies unreadable (docs/privacy.md). No default: a
         * deployment must choose it.
         */
        Path directory();
    }

    interface Disclosure {
        /**
         * How long a card request waits for the registry to learn that its incident is open
         * (dispatch publishes the opening before it asks, but the event may still be on its way).
         */
        @WithDefault("2s")
        Duration incidentWait();

        /** How often the registry looks again while waiting. */
        @WithDefault("100ms")
        Duration incidentPoll();
    }

    interface Disclosures {
        /**
         * How long after an incident closed the disclosures made for it appear in her log and
         * export. Until then nothing about them shows, so that someone holding her phone right after
         * a duress cannot see that the central looked at her card (docs/privacy.md, "Her disclosure
         * log and coercion"). Disclosures not made for an incident (her own export) show at once.
         */
        @WithDefault("24h")
        Duration visibleAfter();
    }

    interface Registration {
        /** How long her first profile save waits for the broker before it answers 503. */
        @WithDefault("8s")
        Duration publishTimeout();

        /** The {@code Retry-After} of that 503. */
        @WithDefault("2s")
        Duration retryAfter();
    }

    interface Erasure {
        /** How often unfinished withdrawals are retried (the scheduled job reads this too). */
        @WithDefault("30s")
        Duration retryInterval();

        /**
         * How long the record of a finished withdrawal (her id and timestamps) is kept, refusing
         * writes made with an access token she still holds. Longer than the realm's access-token
         * lifetime (300 s).
         */
        @WithDefault("10m")
        Duration hold();

        /** How long one step (the tombstone, the Keycloak call) may take before it counts as failed. */
        @WithDefault("8s")
        Duration stepTimeout();

        /**
         * Base URL of Keycloak for its admin API, e.g. {@code http://keycloak:8080}. By default the
         * part of {@code quarkus.oidc.auth-server-url} before {@code /realms/}.
         */
        Optional<String> keycloakUrl();

        /** The realm her account lives in. By default the realm of {@code quarkus.oidc.auth-server-url}. */
        Optional<String> keycloakRealm();
    }

    interface Retention {
        /**
         * How long records that name no registered worker are kept: refused card requests for
         * people without a registration, incidents after they closed (or that were never
         * closed), and ids of consumed events.
         */
        @WithDefault("30d")
        Duration unregistered();

        /** How often the clean-up runs. */
        @WithDefault("1h")
        Duration interval();
    }
}
