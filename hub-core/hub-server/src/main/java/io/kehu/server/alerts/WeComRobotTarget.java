package io.kehu.server.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kehu.search.AlertDoc;
import io.kehu.server.work.RateLimiter;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A WeCom group robot (群机器人): {@code POST …/cgi-bin/webhook/send?key=KEY} with a markdown message.
 * WeCom answers HTTP 200 with {@code errcode}: 0 is success, 45009 is the robot's limit of 20
 * messages a minute, -1 is "system busy"; any other code is final (a wrong or removed key, say).
 */
final class WeComRobotTarget implements AlertTarget {

    static final URI DEFAULT_URL = URI.create("https://qyapi.weixin.qq.com/cgi-bin/webhook/send");
    /** WeCom refuses markdown content over 4096 bytes. */
    static final int MAX_CONTENT_BYTES = 4096;
    private static final Set<Integer> RETRYABLE = Set.of(45009, 45033, -1);
    /** 12 alerts (up to about 270 bytes each, in both languages) stay under the 4096-byte limit; the cut is a last resort. */
    static final int DIGEST_MAX = 12;

    private final String name;
    private final URI sendUri;
    private final HttpClient http;
    private final ObjectMapper json;
    private final RateLimiter limiter;

    WeComRobotTarget(String name, URI url, String key, int perMinute, HttpClient http, ObjectMapper json) {
        this.name = name;
        this.sendUri = URI.create((url == null ? DEFAULT_URL : url) + "?key="
                + URLEncoder.encode(key, StandardCharsets.UTF_8));
        this.http = http;
        this.json = json;
        this.limiter = new RateLimiter(perMinute / 60.0, perMinute);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "wecom-robot";
    }

    @Override
    public SendResult send(AlertDoc alert) {
        return post(markdown(alert));
    }

    /** The robot's 20 messages a minute go a long way further as digests. */
    @Override
    public int maxPerMessage() {
        return DIGEST_MAX;
    }

    @Override
    public SendResult send(List<AlertDoc> alerts) {
        return post(digest(alerts));
    }

    private SendResult post(String markdown) {
        if (!limiter.tryAcquire()) {
            return SendResult.defer();
        }
        String body;
        try {
            body = json.writeValueAsString(Map.of("msgtype", "markdown",
                    "markdown", Map.of("content", truncate(markdown))));
        } catch (IOException e) {
            return SendResult.failed("unencodable message");
        }
        HttpSend.Answer answer = HttpSend.send(http, HttpRequest.newBuilder(sendUri).timeout(HttpSend.TIMEOUT)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
        if (answer.failure() != null) {
            return answer.failure();
        }
        JsonNode reply;
        try {
            reply = json.readTree(answer.response().body());
        } catch (IOException e) {
            return SendResult.retry("unreadable answer");
        }
        int errcode = reply.path("errcode").asInt(Integer.MIN_VALUE);
        if (errcode == 0) {
            return SendResult.sent();
        }
        String error = "errcode " + (errcode == Integer.MIN_VALUE ? "missing" : errcode);
        return RETRYABLE.contains(errcode) ? SendResult.retry(error) : SendResult.failed(error);
    }

    static String markdown(AlertDoc alert) {
        return "**<font color=\"warning\">" + alert.titleZh() + " · " + alert.titleEn() + "</font>**\n"
                + "> " + alert.textZh() + "\n"
                + "> " + alert.textEn();
    }

    /** Alerts of one kind in one message: a title with the count, then one line per alert. */
    static String digest(List<AlertDoc> alerts) {
        AlertDoc first = alerts.get(0);
        StringBuilder out = new StringBuilder("**<font color=\"warning\">" + first.titleZh() + " · " + first.titleEn()
                + "（" + alerts.size() + "）</font>**\n");
        for (AlertDoc a : alerts) {
            out.append("> ").append(a.textZh()).append('\n').append("> ").append(a.textEn()).append('\n');
        }
        return out.toString();
    }

    /** Cuts at a character boundary so the UTF-8 form fits WeCom's limit. */
    static String truncate(String content) {
        if (content.getBytes(StandardCharsets.UTF_8).length <= MAX_CONTENT_BYTES) {
            return content;
        }
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_CONTENT_BYTES - 3) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return out.append("…").toString();
    }
}
