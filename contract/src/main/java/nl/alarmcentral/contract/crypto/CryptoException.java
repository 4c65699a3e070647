package nl.alarmcentral.contract.crypto;

/**
 * Something does not decrypt or open: another key, other associated data, changed bytes, or a
 * key that was destroyed. A client's bad input, not a fault of the service; the message never
 * quotes key material or plain text.
 */
public class CryptoException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public CryptoException(String message) {
        super(message);
    }
}
