package io.kehu.connector.wechat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat's callback security, shared by WeCom and Official Accounts: SHA-1 signatures over the
 * sorted parameters and the "safe mode" message encryption (AES-256-CBC, IV = first 16 key bytes,
 * PKCS#7 padding to a 32-byte block done by hand, plaintext = random(16) + length(4, big-endian) +
 * message + receiveid).
 *
 * <p>Signatures are compared in constant time. Callers verify the signature before decrypting, so
 * the padding check cannot be used as an oracle by anyone who does not know the token.
 */
public final class WeComCrypto {

    /** WeChat pads to 32 bytes, not to the AES block size of 16. */
    static final int PAD_BLOCK = 32;
    private static final int RANDOM_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String token;
    private final SecretKeySpec key;
    private final IvParameterSpec iv;
    private final byte[] receiveId;

    /**
     * @param token          the callback token configured on the vendor's side
     * @param encodingAesKey the 43-character EncodingAESKey, or null/blank for plain mode (signatures only)
     * @param receiveId      corpid for WeCom, appid for an Official Account
     */
    public WeComCrypto(String token, String encodingAesKey, String receiveId) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("a callback token is required");
        }
        this.token = token;
        this.receiveId = receiveId.getBytes(StandardCharsets.UTF_8);
        if (encodingAesKey == null || encodingAesKey.isBlank()) {
            this.key = null;
            this.iv = null;
        } else {
            byte[] k = decodeKey(encodingAesKey);
            this.key = new SecretKeySpec(k, "AES");
            this.iv = new IvParameterSpec(k, 0, 16);
        }
    }

    /** The 32-byte AES key of an EncodingAESKey; throws {@link IllegalArgumentException} for anything else. */
    static byte[] decodeKey(String encodingAesKey) {
        String k = encodingAesKey.trim();
        if (k.length() != 43) {
            throw new IllegalArgumentException("an EncodingAESKey has 43 characters");
        }
        byte[] bytes = Base64.getDecoder().decode(k + "=");
        if (bytes.length != 32) {
            throw new IllegalArgumentException("an EncodingAESKey decodes to 32 bytes");
        }
        return bytes;
    }

    /** Whether messages are encrypted (an EncodingAESKey is configured). */
    public boolean encrypting() {
        return key != null;
    }

    /** {@code sha1(concat(sort(parts)))} in lower-case hex: WeChat's signature over any parameter set. */
    public static String sha1Signature(String... parts) {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (String p : sorted) {
                sha1.update(p.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }

    /** The safe-mode {@code msg_signature}: over token, timestamp, nonce and the encrypted payload. */
    public String msgSignature(String timestamp, String nonce, String encrypted) {
        return sha1Signature(token, timestamp, nonce, encrypted);
    }

    /** The plain-mode Official Account {@code signature}: over token, timestamp and nonce. */
    public String plainSignature(String timestamp, String nonce) {
        return sha1Signature(token, timestamp, nonce);
    }

    /** Checks a safe-mode {@code msg_signature} in constant time. */
    public boolean msgSignatureMatches(String given, String timestamp, String nonce, String encrypted) {
        return sameHex(msgSignature(timestamp, nonce, encrypted), given);
    }

    /** Checks a plain-mode {@code signature} in constant time. */
    public boolean plainSignatureMatches(String given, String timestamp, String nonce) {
        return sameHex(plainSignature(timestamp, nonce), given);
    }

    private static boolean sameHex(String expected, String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** Encrypts a message with 16 fresh random bytes in front. */
    public String encrypt(String message) {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        return encrypt(random, message);
    }

    /** Encrypts with given random bytes (16 of them): deterministic, for test vectors. */
    public String encrypt(byte[] random, String message) {
        requireKey();
        if (random.length != RANDOM_BYTES) {
            throw new IllegalArgumentException("16 random bytes are required");
        }
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        int length = RANDOM_BYTES + 4 + msg.length + receiveId.length;
        int pad = PAD_BLOCK - length % PAD_BLOCK;
        ByteBuffer plain = ByteBuffer.allocate(length + pad);
        plain.put(random).putInt(msg.length).put(msg).put(receiveId);
        for (int i = 0; i < pad; i++) {
            plain.put((byte) pad);
        }
        try {
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, iv);
            return Base64.getEncoder().encodeToString(c.doFinal(plain.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is unavailable in this JVM", e);
        }
    }

    /**
     * Decrypts a payload and checks its padding, its length field and its receiveid.
     *
     * @throws CallbackRefused when any of them is wrong (400 for a malformed payload, 401 for another receiver)
     */
    public String decrypt(String encrypted) {
        requireKey();
        byte[] cipherText;
        try {
            cipherText = Base64.getDecoder().decode(encrypted.trim());
        } catch (IllegalArgumentException e) {
            throw CallbackRefused.malformed("The encrypted payload is not Base64");
        }
        if (cipherText.length == 0 || cipherText.length % PAD_BLOCK != 0) {
            throw CallbackRefused.malformed("The encrypted payload has a wrong length");
        }
        byte[] plain;
        try {
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, iv);
            plain = c.doFinal(cipherText);
        } catch (GeneralSecurityException e) {
            throw CallbackRefused.malformed("The encrypted payload cannot be decrypted");
        }
        int pad = plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > PAD_BLOCK) {
            throw CallbackRefused.malformed("The decrypted payload has bad padding");
        }
        for (int i = plain.length - pad; i < plain.length; i++) {
            if ((plain[i] & 0xff) != pad) {
                throw CallbackRefused.malformed("The decrypted payload has bad padding");
            }
        }
        int end = plain.length - pad;
        if (end < RANDOM_BYTES + 4) {
            throw CallbackRefused.malformed("The decrypted payload is too short");
        }
        int msgLength = ByteBuffer.wrap(plain, RANDOM_BYTES, 4).getInt();
        int msgStart = RANDOM_BYTES + 4;
        if (msgLength < 0 || msgLength > end - msgStart) {
            throw CallbackRefused.malformed("The decrypted payload has a wrong length field");
        }
        byte[] receiver = Arrays.copyOfRange(plain, msgStart + msgLength, end);
        if (!MessageDigest.isEqual(receiver, receiveId)) {
            throw CallbackRefused.unauthorized("The message is addressed to another corp or account");
        }
        return new String(plain, msgStart, msgLength, StandardCharsets.UTF_8);
    }

    private void requireKey() {
        if (key == null) {
            throw new IllegalStateException("no EncodingAESKey is configured");
        }
    }
}
