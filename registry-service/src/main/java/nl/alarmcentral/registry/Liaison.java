package nl.alarmcentral.registry;

/**
 * Which fixed contact person a worker would like to know (the professionals in the study asked for
 * one known face at the police and in care). Shown on her card only with {@link ConsentType#LIAISON_INTRO}.
 */
public enum Liaison {
    NONE,
    POLICE,
    CARE,
    BOTH
}
