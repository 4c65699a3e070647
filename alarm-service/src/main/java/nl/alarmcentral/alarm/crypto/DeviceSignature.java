package nl.alarmcentral.alarm.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a button puts on every request ({@code docs/devices.md}):
 * {@code X-Device-Signature = lowercase hex( HMAC-SHA256( secret, X-Device-Timestamp + "\n" + body ) )},
 * over the timestamp header exactly as sent and the body's raw bytes. One place, so that the
 * service and its tests cannot disagree on what is signed.
 */
public final class DeviceSignature {

    /** What a signature header must look like: 64 lowercase hex digits, nothing else. */
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{64}");

    private DeviceSignature() {
    }

    /** Whether a header value has the form of a signature (it says nothing about its validity). */
    public static boolean isWellFormed(String signature) {
        return signature != null && FORMAT.matcher(signature).matches();
    }

    /** The signature of a request, as lowercase hex. */
    public static String sign(byte[] secret, String timestamp, byte[] body) {
        return HexFormat.of().formatHex(mac(secret, timestamp, body));
    }

    /**
     * Whether a well-formed signature is the right one, compared in constant time so that the
     * answer's timing does not reveal how much of it was right.
     */
    public static boolean matches(byte[] secret, String timestamp, byte[] body, String signature) {
        if (!isWellFormed(signature)) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret, timestamp, body), HexFormat.of().parseHex(signature));
    }

    private static byte[] mac(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + "\n").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
