package nl.alarmcentral.alarm.service;

import java.util.concurrent.Executor;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Brings a result back to the Vert.x context of the code that asked for it. Needed after a
 * timeout (Mutiny fires it on a timer thread) or a broker acknowledgement (a Kafka thread): a
 * Hibernate Reactive session may only be used on the context that opened it.
 */
final class CallerContext {

    private CallerContext() {
    }

    /** An executor that runs on the current Vert.x context, or in place when there is none. */
    static Executor current() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return command -> context.runOnContext(ignored -> command.run());
    }
}
