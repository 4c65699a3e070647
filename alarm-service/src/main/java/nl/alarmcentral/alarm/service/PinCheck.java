package nl.alarmcentral.alarm.service;

import java.time.Duration;

import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.contract.problem.ProblemType;

/**
 * The result of one PIN attempt, recorded before anything is acted on. Whether PIN entry is locked
 * and which PIN it was are separate facts: a duress PIN escalates even while PIN entry is locked
 * (the answer is then the same "locked" as for any other PIN), because a lock must never stand
 * between her and help.
 *
 * @param verdict      which PIN it was
 * @param locked       whether PIN entry is locked (now, or from this attempt on)
 * @param attemptsLeft wrong PINs left before a lock (for a wrong PIN)
 * @param retryAfter   how long the lock still lasts (when locked)
 */
public record PinCheck(Verdict verdict, boolean locked, int attemptsLeft, Duration retryAfter) {

    /** Which PIN she entered. */
    public enum Verdict {
        /** Her cancel PIN. */
        CANCEL,
        /** Her duress PIN: act as if cancelled, and escalate silently. */
        DURESS,
        /** Neither. */
        WRONG,
        /** She has no PINs yet. */
        NOT_SET
    }

    /** Whether it was her duress PIN (acted on even while locked). */
    public boolean duress() {
        return verdict == Verdict.DURESS;
    }

    /** Whether she may cancel: her cancel or duress PIN, and not locked. */
    public boolean accepted() {
        return !locked && (verdict == Verdict.CANCEL || verdict == Verdict.DURESS);
    }

    /**
     * The answer when it is not {@link #accepted()}: the same for every PIN while locked, so the
     * answer never tells which PIN was typed.
     */
    public ProblemException refusal() {
        if (verdict == Verdict.NOT_SET) {
            return new ProblemException(ProblemType.PINS_NOT_SET, 409,
                    "Set your cancel PIN and duress PIN first (PUT /api/me/pins). Until then nothing can be cancelled.");
        }
        if (locked) {
            long minutes = Math.max(1, (retryAfter.toSeconds() + 59) / 60);
            return new ProblemException(ProblemType.PIN_LOCKED, 429, "Too many wrong PINs: PIN entry is locked for "
                    + minutes + " more minute(s). Nothing was cancelled or confirmed.", retryAfter, null);
        }
        return new ProblemException(ProblemType.PIN_INCORRECT, 403, "The PIN is not correct. " + attemptsLeft
                + " attempt(s) left before PIN entry is locked. Nothing was cancelled or confirmed.")
                .withAttemptsLeft(attemptsLeft);
    }
}
