package io.kehu.connector.wechat;

import io.kehu.api.spi.ConnectorMetrics;
import io.kehu.api.spi.WebhookHandler;
import io.kehu.api.spi.WebhookRequest;
import io.kehu.api.spi.WebhookResponse;
import io.kehu.api.spi.WorkQueue;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WeCom callback endpoint ({@code /hooks/<instance id>}). GET is WeCom's URL verification:
 * the encrypted {@code echostr} is part of the signature and the answer is its plaintext. POST
 * carries an encrypted event: it is verified, decrypted, checked to be addressed to this corp,
 * enqueued as work under a dedupe id (WeChat retries unanswered callbacks) and answered
 * {@code success} at once; the remote calls happen later in {@link WeComEventProcessor}.
 * A request that fails any check is refused with problem details and nothing is stored.
 */
final class WeComCallbackHandler implements WebhookHandler {

    private static final Logger log = LoggerFactory.getLogger(WeComCallbackHandler.class);
    static final String SUCCESS = "success";

    private final WeComCrypto crypto;
    private final Duration tolerance;
    private final Supplier<WorkQueue> work;
    private final ConnectorMetrics metrics;

    WeComCallbackHandler(WeComCrypto crypto, Duration tolerance, Supplier<WorkQueue> work, ConnectorMetrics metrics) {
        this.crypto = crypto;
        this.tolerance = tolerance;
        this.work = work;
        this.metrics = metrics;
    }

    @Override
    public WebhookResponse handle(WebhookRequest request) {
        try {
            return switch (request.method().toUpperCase(java.util.Locale.ROOT)) {
                case "GET" -> verifyUrl(request);
                case "POST" -> receive(request);
                default -> WebhookResponse.problem(405, "Method not allowed", "WeCom callbacks use GET and POST");
            };
        } catch (CallbackRefused e) {
            metrics.increment("callback.refused", 1);
            log.warn("Refused a WeCom callback from {}: {}", request.remoteAddress(), e.getMessage());
            return e.toResponse();
        }
    }

    private WebhookResponse verifyUrl(WebhookRequest request) {
        String signature = CallbackParams.required(request, "msg_signature");
        String timestamp = CallbackParams.required(request, "timestamp");
        String nonce = CallbackParams.required(request, "nonce");
        String echo = CallbackParams.required(request, "echostr");
        CallbackParams.checkTimestamp(timestamp, request.receivedAt(), tolerance);
        if (!crypto.msgSignatureMatches(signature, timestamp, nonce, echo)) {
            throw CallbackRefused.unauthorized("The signature does not match");
        }
        String plain = crypto.decrypt(echo);
        log.info("Answered WeCom's URL verification");
        return WebhookResponse.text(200, plain);
    }

    private WebhookResponse receive(WebhookRequest request) {
        String signature = CallbackParams.required(request, "msg_signature");
        String timestamp = CallbackParams.required(request, "timestamp");
        String nonce = CallbackParams.required(request, "nonce");
        CallbackParams.checkTimestamp(timestamp, request.receivedAt(), tolerance);
        String encrypted = WeChatXml.field(WeChatXml.parse(request.bodyText()), "Encrypt");
        if (encrypted == null) {
            throw CallbackRefused.malformed("The body has no Encrypt element");
        }
        if (!crypto.msgSignatureMatches(signature, timestamp, nonce, encrypted)) {
            throw CallbackRefused.unauthorized("The signature does not match");
        }
        String xml = crypto.decrypt(encrypted);
        Map<String, String> msg = WeChatXml.parse(xml);
        String type = WeComEventProcessor.workType(msg);
        if (type == null) {
            metrics.increment("callback.ignored", 1);
            log.debug("Ignored a WeCom callback of type {}/{}", msg.get("MsgType"), msg.get("Event"));
            return WebhookResponse.text(200, SUCCESS);
        }
        boolean fresh = work.get().enqueue(WeChatMessages.dedupeId(msg), type, xml);
        metrics.increment(fresh ? "callback.enqueued" : "callback.duplicates", 1);
        return WebhookResponse.text(200, SUCCESS);
    }
}
