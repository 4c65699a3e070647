package nl.alarmcentral.launcher;

import java.util.Arrays;
import java.util.Comparator;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the suites that share one stack ({@link SharedStack}) after every other suite, each group in
 * alphabetical order. The shared stack is started by the first suite that asks for it and stopped
 * only when the whole run ends, so a suite with a stack of its own (faults, failover, coercion)
 * that ran after it would have two stacks share two cores, and its timings would measure that.
 * Set as the default in {@code junit-platform.properties}.
 */
public final class SharedStackLast implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing(SharedStackLast::usesSharedStack)
                .thenComparing(descriptor -> descriptor.getTestClass().getName()));
    }

    static boolean usesSharedStack(ClassDescriptor descriptor) {
        return descriptor.findRepeatableAnnotations(ExtendWith.class).stream()
                .anyMatch(extension -> Arrays.asList(extension.value()).contains(SharedStack.class));
    }
}
