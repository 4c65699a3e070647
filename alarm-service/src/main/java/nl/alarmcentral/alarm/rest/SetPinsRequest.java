package nl.alarmcentral.alarm.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Her two PINs. The cancel PIN cancels; the duress PIN looks exactly like a cancel and silently
 * asks for help. They must differ, or a duress could never be told from a cancel.
 *
 * @param cancelPin 4 to 6 digits
 * @param duressPin 4 to 6 digits, not the cancel PIN
 */
@SetPinsRequest.DistinctPins
public record SetPinsRequest(
        @NotNull @Pattern(regexp = PIN, message = "must be 4 to 6 digits") String cancelPin,
        @NotNull @Pattern(regexp = PIN, message = "must be 4 to 6 digits") String duressPin) {

    /** What a PIN looks like. */
    public static final String PIN = "[0-9]{4,6}";

    /** The duress PIN differs from the cancel PIN; reported on {@code duressPin}. */
    @Documented
    @Constraint(validatedBy = DistinctPinsValidator.class)
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface DistinctPins {
        String message() default "must differ from cancelPin";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Checks {@link DistinctPins}. */
    public static class DistinctPinsValidator implements ConstraintValidator<DistinctPins, SetPinsRequest> {
        @Override
        public boolean isValid(SetPinsRequest request, ConstraintValidatorContext context) {
            if (request == null || request.cancelPin() == null || !request.cancelPin().equals(request.duressPin())) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("duressPin").addConstraintViolation();
            return false;
        }
    }
}
