package nl.alarmcentral.registry;

import java.util.List;

/**
 * What the dispatcher does when her alarm comes in, in the order she chose. The default sends help
 * without asking: an alarm is never blocked by a question.
 */
public enum ProcedureStep {
    SEND_HELP,
    SEND_POLICE,
    CALL_ME_FIRST,
    CALL_TRUSTED_CONTACT;

    /** Her procedure until she sets one. */
    public static final List<ProcedureStep> DEFAULT = List.of(SEND_HELP);
}
