package io.kehu.server.it;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds WeChat "safe mode" callbacks the way WeChat's servers do (api-shapes.md): AES-256-CBC over
 * random(16) + length + message + receiveid with 32-byte PKCS#7 padding, and the SHA-1 msg_signature.
 * Written independently of the plugin's own crypto, so the end-to-end test does not test it against itself.
 */
final class WeChatCallbacks {

    private WeChatCallbacks() {
    }

    static String encrypt(String encodingAesKey, String receiveId, String message) throws Exception {
        byte[] key = Base64.getDecoder().decode(encodingAesKey + "=");
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        plain.write("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        plain.write(ByteBuffer.allocate(4).putInt(msg.length).array());
        plain.write(msg);
        plain.write(receiveId.getBytes(StandardCharsets.UTF_8));
        int pad = 32 - plain.size() % 32;
        for (int i = 0; i < pad; i++) {
            plain.write(pad);
        }
        Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
        return Base64.getEncoder().encodeToString(c.doFinal(plain.toByteArray()));
    }

    static String signature(String... parts) throws Exception {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(String.join("", sorted)
                .getBytes(StandardCharsets.UTF_8)));
    }
}
