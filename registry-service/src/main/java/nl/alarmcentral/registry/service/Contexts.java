package nl.alarmcentral.registry.service;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Hibernate Reactive must be used on the Vert.x context that opened the session. Results of other
 * I/O (a broker acknowledgement, a REST client's error, a Mutiny time-out) can arrive on other
 * threads; this brings them back before the database is used again.
 */
final class Contexts {

    private Contexts() {
    }

    /** The same Uni, emitting on the Vert.x context of the caller (captured now), if there is one. */
    static <T> Uni<T> resumeHere(Uni<T> uni) {
        Context context = Vertx.currentContext();
        return context == null ? uni : uni.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }
}
