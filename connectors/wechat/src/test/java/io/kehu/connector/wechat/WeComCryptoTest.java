package io.kehu.connector.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The shared test vector (WxJava's crypto tests, see api-shapes.md), round trips and every refusal. */
class WeComCryptoTest {

    static final String TOKEN = "pamtest";
    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String APP_ID = "wxb11529c136998cb6";
    static final String TIMESTAMP = "1409304348";
    static final String NONCE = "xxxxxx";
    static final byte[] RANDOM = "aaaabbbbccccdddd".getBytes(StandardCharsets.US_ASCII);
    static final String MESSAGE = "我是中文abcd123";
    static final String ENCRYPTED = "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";

    private final WeComCrypto crypto = new WeComCrypto(TOKEN, AES_KEY, APP_ID);

    @Test
    void encryptsTheVectorMessageToTheVectorCiphertext() {
        assertThat(crypto.encrypt(RANDOM, MESSAGE)).isEqualTo(ENCRYPTED);
    }

    @Test
    void decryptsTheVectorCiphertext() {
        assertThat(crypto.decrypt(ENCRYPTED)).isEqualTo(MESSAGE);
    }

    @Test
    void signsThePlainOfficialAccountVector() {
        assertThat(crypto.plainSignature(TIMESTAMP, NONCE)).isEqualTo("76480565cbe296026c53aaacd1ad523a1ddba24f");
        assertThat(crypto.plainSignatureMatches("76480565cbe296026c53aaacd1ad523a1ddba24f", TIMESTAMP, NONCE)).isTrue();
        assertThat(crypto.plainSignatureMatches("76480565CBE296026C53AAACD1AD523A1DDBA24F", TIMESTAMP, NONCE)).isTrue();
    }

    @Test
    void sortsBeforeHashing() {
        assertThat(WeComCrypto.sha1Signature("123", "345")).isEqualTo("9f537aeb751ec72605f57f94a2f6dc3e3958e1dd");
        assertThat(WeComCrypto.sha1Signature("345", "123")).isEqualTo("9f537aeb751ec72605f57f94a2f6dc3e3958e1dd");
    }

    @Test
    void msgSignatureCoversTheEncryptedPayload() {
        String sig = crypto.msgSignature(TIMESTAMP, NONCE, ENCRYPTED);
        assertThat(sig).isEqualTo(WeComCrypto.sha1Signature(TOKEN, TIMESTAMP, NONCE, ENCRYPTED)).hasSize(40);
        assertThat(crypto.msgSignatureMatches(sig, TIMESTAMP, NONCE, ENCRYPTED)).isTrue();
        assertThat(crypto.msgSignatureMatches(sig, TIMESTAMP, NONCE, ENCRYPTED.replace('j', 'k'))).isFalse();
        assertThat(crypto.msgSignatureMatches(sig, "1409304349", NONCE, ENCRYPTED)).isFalse();
        assertThat(crypto.msgSignatureMatches(null, TIMESTAMP, NONCE, ENCRYPTED)).isFalse();
        assertThat(crypto.msgSignatureMatches(sig.substring(1), TIMESTAMP, NONCE, ENCRYPTED)).isFalse();
    }

    @Test
    void roundTripsMessagesOfEveryPaddingLength() {
        StringBuilder msg = new StringBuilder();
        for (int i = 0; i < 70; i++) {
            String encrypted = crypto.encrypt(msg.toString());
            assertThat(Base64.getDecoder().decode(encrypted).length % 32).isZero();
            assertThat(crypto.decrypt(encrypted)).isEqualTo(msg.toString());
            msg.append(i % 2 == 0 ? "x" : "客");
        }
    }

    @Test
    void freshRandomBytesMakeEveryCiphertextDifferent() {
        assertThat(crypto.encrypt(MESSAGE)).isNotEqualTo(crypto.encrypt(MESSAGE));
    }

    @Test
    void refusesATamperedCiphertext() {
        byte[] raw = Base64.getDecoder().decode(ENCRYPTED);
        raw[raw.length - 20] ^= 0x01;
        String tampered = Base64.getEncoder().encodeToString(raw);
        // Flipping a bit garbles the last block: its padding byte or the receiveid no longer checks out.
        assertThatThrownBy(() -> crypto.decrypt(tampered)).isInstanceOf(CallbackRefused.class);
    }

    @Test
    void refusesBadPadding() {
        // A well-formed plaintext whose last byte claims 33 bytes of padding: more than WeChat's 32-byte block.
        assertRefused(rawEncrypt(plaintextWithPadding(33)), 400, "padding");
        // Padding bytes that disagree with the last one.
        byte[] p = plaintextWithPadding(7);
        p[p.length - 3] = 6;
        assertRefused(rawEncrypt(p), 400, "padding");
        // Zero is never a valid padding byte.
        byte[] z = plaintextWithPadding(7);
        z[z.length - 1] = 0;
        assertRefused(rawEncrypt(z), 400, "padding");
    }

    @Test
    void refusesAPayloadForAnotherReceiver() {
        String forOther = new WeComCrypto(TOKEN, AES_KEY, "wx0000000000000000").encrypt(MESSAGE);
        assertRefused(forOther, 401, "another");
    }

    @Test
    void refusesALengthFieldPointingBeyondThePayload() {
        byte[] p = plaintextWithPadding(7);
        ByteBuffer.wrap(p).putInt(16, 1000);
        assertRefused(rawEncrypt(p), 400, "length");
    }

    @Test
    void refusesWhatIsNotBase64OrNotWholeBlocks() {
        assertRefused("not base64 ###", 400, "Base64");
        assertRefused(Base64.getEncoder().encodeToString(new byte[48]), 400, "length");
    }

    @Test
    void aKeyMustBe43CharactersOf32Bytes() {
        assertThatThrownBy(() -> new WeComCrypto(TOKEN, AES_KEY.substring(1), APP_ID)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WeComCrypto(TOKEN, "#".repeat(43), APP_ID)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new WeComCrypto(TOKEN, null, APP_ID).encrypting()).isFalse();
    }

    private void assertRefused(String encrypted, int status, String reason) {
        assertThatThrownBy(() -> crypto.decrypt(encrypted))
                .isInstanceOfSatisfying(CallbackRefused.class, e -> assertThat(e.status()).isEqualTo(status))
                .hasMessageContaining(reason);
    }

    /** random + length + message + appid + {@code pad} bytes of value {@code pad}, rounded up to 32 by the random part. */
    private static byte[] plaintextWithPadding(int pad) {
        byte[] msg = MESSAGE.getBytes(StandardCharsets.UTF_8);
        byte[] id = APP_ID.getBytes(StandardCharsets.UTF_8);
        int body = 16 + 4 + msg.length + id.length;
        int total = ((body + pad + 31) / 32) * 32;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.put(RANDOM).putInt(msg.length).put(msg).put(id);
        while (b.position() < total - pad) {
            b.put((byte) 'z');
        }
        for (int i = 0; i < pad; i++) {
            b.put((byte) pad);
        }
        return b.array();
    }

    private static String rawEncrypt(byte[] plain) {
        try {
            byte[] key = Base64.getDecoder().decode(AES_KEY + "=");
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            return Base64.getEncoder().encodeToString(c.doFinal(plain));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
