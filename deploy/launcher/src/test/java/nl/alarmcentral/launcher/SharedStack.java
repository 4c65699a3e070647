package nl.alarmcentral.launcher;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One stack, as {@code deploy/local-stack.sh} starts it, for the suites that only use it as a worker,
 * a dispatcher and ops would (each with accounts of its own, no fault, no special setting): the
 * console with two dispatch instances, the worker app, the registry's pages, the privacy dump and
 * the ops metrics. So it runs with a second dispatch-service instance, and with Prometheus where it
 * is installed. Each stack start costs CI one to two minutes on two cores, and CI must stay under an
 * hour. A suite asks for it as a parameter of its {@code @BeforeAll} with
 * {@code @ExtendWith(SharedStack.class)}; the first one starts it, JUnit stops it after the last
 * suite of the run, and {@link SharedStackLast} runs these suites after all others. Suites that
 * kill, pause or reconfigure services start their own stacks.
 */
final class SharedStack implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("stack", key -> start(), Running.class).stack();
    }

    private static Running start() {
        try {
            return new Running(RunningStack.start("shared-stack", true, PrometheusServer.find().isPresent()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the shared stack started", e);
        }
    }

    /** The stack, stopped by JUnit when the run's root context closes. */
    private record Running(RunningStack stack) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            stack.stop();
        }
    }
}
