package io.kehu.connector.wechat;

import io.kehu.api.spi.ConnectorMetrics;
import io.kehu.api.spi.WebhookHandler;
import io.kehu.api.spi.WebhookRequest;
import io.kehu.api.spi.WebhookResponse;
import io.kehu.api.spi.WorkQueue;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Official Account callback endpoint ({@code /hooks/<instance id>}). GET is the server
 * verification: {@code signature = sha1(sort(token, timestamp, nonce))}, answered with
 * {@code echostr} unchanged. POST in plain mode is signed the same way; in safe mode
 * ({@code encrypt_type=aes}) it carries {@code msg_signature} over the Encrypt element, which is
 * decrypted and checked to be addressed to this appid. An instance with an EncodingAESKey
 * refuses plain posts. Accepted callbacks are enqueued under a dedupe id and answered
 * {@code success} at once; nothing is stored for a refused one.
 */
final class OfficialAccountCallbackHandler implements WebhookHandler {

    private static final Logger log = LoggerFactory.getLogger(OfficialAccountCallbackHandler.class);

    private final WeComCrypto crypto;
    private final Duration tolerance;
    private final Supplier<WorkQueue> work;
    private final ConnectorMetrics metrics;

    OfficialAccountCallbackHandler(WeComCrypto crypto, Duration tolerance, Supplier<WorkQueue> work, ConnectorMetrics metrics) {
        this.crypto = crypto;
        this.tolerance = tolerance;
        this.work = work;
        this.metrics = metrics;
    }

    @Override
    public WebhookResponse handle(WebhookRequest request) {
        try {
            return switch (request.method().toUpperCase(Locale.ROOT)) {
                case "GET" -> verifyUrl(request);
                case "POST" -> receive(request);
                default -> WebhookResponse.problem(405, "Method not allowed", "Official Account callbacks use GET and POST");
            };
        } catch (CallbackRefused e) {
            metrics.increment("callback.refused", 1);
            log.warn("Refused an Official Account callback from {}: {}", request.remoteAddress(), e.getMessage());
            return e.toResponse();
        }
    }

    private WebhookResponse verifyUrl(WebhookRequest request) {
        String signature = CallbackParams.required(request, "signature");
        String timestamp = CallbackParams.required(request, "timestamp");
        String nonce = CallbackParams.required(request, "nonce");
        String echo = CallbackParams.required(request, "echostr");
        CallbackParams.checkTimestamp(timestamp, request.receivedAt(), tolerance);
        if (!crypto.plainSignatureMatches(signature, timestamp, nonce)) {
            throw CallbackRefused.unauthorized("The signature does not match");
        }
        log.info("Answered the Official Account's server verification");
        return WebhookResponse.text(200, echo);
    }

    private WebhookResponse receive(WebhookRequest request) {
        String timestamp = CallbackParams.required(request, "timestamp");
        String nonce = CallbackParams.required(request, "nonce");
        CallbackParams.checkTimestamp(timestamp, request.receivedAt(), tolerance);
        String xml;
        if ("aes".equalsIgnoreCase(request.queryParam("encrypt_type"))) {
            if (!crypto.encrypting()) {
                throw CallbackRefused.malformed("This instance has no EncodingAESKey for safe-mode messages");
            }
            String signature = CallbackParams.required(request, "msg_signature");
            String encrypted = WeChatXml.field(WeChatXml.parse(request.bodyText()), "Encrypt");
            if (encrypted == null) {
                throw CallbackRefused.malformed("The body has no Encrypt element");
            }
            if (!crypto.msgSignatureMatches(signature, timestamp, nonce, encrypted)) {
                throw CallbackRefused.unauthorized("The signature does not match");
            }
            xml = crypto.decrypt(encrypted);
        } else {
            if (crypto.encrypting()) {
                throw CallbackRefused.unauthorized("This instance accepts safe-mode (encrypted) messages only");
            }
            String signature = CallbackParams.required(request, "signature");
            if (!crypto.plainSignatureMatches(signature, timestamp, nonce)) {
                throw CallbackRefused.unauthorized("The signature does not match");
            }
            xml = request.bodyText();
        }
        Map<String, String> msg = WeChatXml.parse(xml);
        String type = OfficialAccountEventProcessor.workType(msg);
        if (type == null) {
            metrics.increment("callback.ignored", 1);
            log.debug("Ignored an Official Account callback of type {}/{}", msg.get("MsgType"), msg.get("Event"));
            return WebhookResponse.text(200, WeComCallbackHandler.SUCCESS);
        }
        boolean fresh = work.get().enqueue(WeChatMessages.dedupeId(msg), type, xml);
        metrics.increment(fresh ? "callback.enqueued" : "callback.duplicates", 1);
        return WebhookResponse.text(200, WeComCallbackHandler.SUCCESS);
    }
}
