package nl.alarmcentral.registry;

/** What kind of place an address of hers is; a closed set, so no free text sits beside the address. */
public enum AddressLabel {
    HOME,
    WORK,
    OTHER
}
