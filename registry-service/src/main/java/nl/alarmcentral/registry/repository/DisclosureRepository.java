package nl.alarmcentral.registry.repository;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import nl.alarmcentral.registry.Disclosure;

/** The append-only log of disclosures. */
@ApplicationScoped
public class DisclosureRepository implements PanacheRepositoryBase<Disclosure, UUID> {
}
