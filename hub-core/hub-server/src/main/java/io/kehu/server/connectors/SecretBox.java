package io.kehu.server.connectors;

import io.kehu.api.HubException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secret config values of API-defined instances before they are stored (AES-256-GCM).
 * The key comes from {@code HUB_SECRET_KEY} (base64, 32 bytes) or is generated once into the data
 * folder with owner-only permissions.
 */
public final class SecretBox {

    static final String PREFIX = "enc:v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public SecretBox(byte[] key) {
        if (key.length != 32) {
            throw HubException.configuration("The secret key must be 32 bytes (base64 of 32 random bytes)");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** Uses {@code base64Key} when given, else the key file, creating it on first use. */
    public static SecretBox fromKeyOrFile(String base64Key, Path keyFile) {
        try {
            if (base64Key != null && !base64Key.isBlank()) {
                return new SecretBox(Base64.getDecoder().decode(base64Key.trim()));
            }
            if (Files.exists(keyFile)) {
                return new SecretBox(Base64.getDecoder().decode(Files.readString(keyFile).trim()));
            }
            byte[] k = new byte[32];
            RANDOM.nextBytes(k);
            Files.createDirectories(keyFile.toAbsolutePath().getParent());
            Files.writeString(keyFile, Base64.getEncoder().encodeToString(k));
            restrict(keyFile);
            return new SecretBox(k);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw HubException.configuration("Cannot read or create the secret key file " + keyFile);
        }
    }

    static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | java.io.IOException ignored) {
            // Not a POSIX file system: the folder's permissions are all we have.
        }
    }

    public String encrypt(String plain) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new HubException(HubException.Kind.BUG, "Encryption failed", e);
        }
    }

    public String decrypt(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw HubException.configuration("A stored secret cannot be decrypted: was the secret key changed?");
        }
    }
}
