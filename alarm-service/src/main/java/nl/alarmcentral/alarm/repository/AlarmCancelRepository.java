package nl.alarmcentral.alarm.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import nl.alarmcentral.alarm.AlarmCancel;

/** What PINs did to alarms, by alarm id. */
@ApplicationScoped
public class AlarmCancelRepository implements PanacheRepositoryBase<AlarmCancel, UUID> {
}
