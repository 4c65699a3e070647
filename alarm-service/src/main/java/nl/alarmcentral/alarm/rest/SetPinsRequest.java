package nl.alarmcentral.alarm.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Her two PINs. The cancel PIN cancels; the duress PIN looks exactly like a cancel and silently
 * asks for help. They must differ, or a duress could never be told from a cancel. Neither may be
 * one of the PINs anyone tries first ({@link NotGuessable}): whoever holds her phone gets only a
 * few tries before PIN entry locks, and those would be the ones.
 *
 * @param cancelPin 4 to 6 digits, not easy to guess
 * @param duressPin 4 to 6 digits, not easy to guess, not the cancel PIN
 */
@SetPinsRequest.DistinctPins
public record SetPinsRequest(
        @NotNull @Pattern(regexp = PIN, message = "must be 4 to 6 digits") @NotGuessable String cancelPin,
        @NotNull @Pattern(regexp = PIN, message = "must be 4 to 6 digits") @NotGuessable String duressPin) {

    /** What a PIN looks like. */
    public static final String PIN = "[0-9]{4,6}";

    /**
     * Often-chosen PINs that no rule below catches: keypad patterns (2580, 0852 straight down and
     * up the middle column; 1397 and 7931 the corners) and popular choices from published PIN
     * frequency studies (1122, 1004, 2000, 1998, 5683 "LOVE"). Rules catch the rest: one digit
     * repeated, ascending or descending runs, and a two-digit block repeated (1212, 6969, 121212).
     */
    static final Set<String> COMMON = Set.of("2580", "0852", "1397", "7931", "1122", "1004", "2000", "1998",
            "5683", "112233", "123123", "147258", "159753");

    /**
     * Why a PIN is too easy to guess, or null when it is not.
     *
     * @param pin 4 to 6 digits
     */
    public static String guessable(String pin) {
        if (pin.chars().distinct().count() == 1) {
            return "is too easy to guess: all digits are the same";
        }
        if (isRun(pin, 1) || isRun(pin, -1)) {
            return "is too easy to guess: the digits count up or down in a row";
        }
        if (pin.length() % 2 == 0 && pin.equals(pin.substring(0, 2).repeat(pin.length() / 2))) {
            return "is too easy to guess: two digits repeated";
        }
        if (COMMON.contains(pin)) {
            return "is too easy to guess: it is one of the most common PINs";
        }
        return null;
    }

    /** Whether each digit is the one before plus {@code step} (0 follows 9 for no one: 8901 is not a run). */
    private static boolean isRun(String pin, int step) {
        for (int i = 1; i < pin.length(); i++) {
            if (pin.charAt(i) - pin.charAt(i - 1) != step) {
                return false;
            }
        }
        return true;
    }

    /** A PIN is not among the first ones anyone would try ({@link SetPinsRequest#guessable}). */
    @Documented
    @Constraint(validatedBy = NotGuessableValidator.class)
    @Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT })
    @Retention(RetentionPolicy.RUNTIME)
    public @interface NotGuessable {
        String message() default "is too easy to guess";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Checks {@link NotGuessable}; the message says why (never the PIN itself). */
    public static class NotGuessableValidator implements ConstraintValidator<NotGuessable, String> {
        @Override
        public boolean isValid(String pin, ConstraintValidatorContext context) {
            if (pin == null || !pin.matches(PIN)) {
                // Reported by @NotNull / @Pattern.
                return true;
            }
            String why = guessable(pin);
            if (why == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(why).addConstraintViolation();
            return false;
        }
    }

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
