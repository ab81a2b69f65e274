package io.kehu.connector.jiandaoyun;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.connector.kit.HttpAnswer;
import io.kehu.connector.kit.JsonHttp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * 简道云's API v5 with an API key. Errors come as HTTP 400 with {@code {code, msg}}; a rate-limit code there
 * is retryable, any other 400 refuses only the record, and other statuses follow the kit's classification.
 */
final class JiandaoyunClient {

    static final String CREATE_PATH = "/api/v5/app/entry/data/create";
    static final String UPDATE_PATH = "/api/v5/app/entry/data/update";
    static final String WIDGETS_PATH = "/api/v5/app/entry/widget/list";

    /** 8303: 超出请求频率限制, answered with HTTP 400 rather than 429. */
    static final Set<Integer> RATE_LIMITED = Set.of(8303);

    private final JiandaoyunConfig config;
    private final JsonHttp http;

    JiandaoyunClient(JiandaoyunConfig config, Clock clock) {
        this.config = config;
        this.http = new JsonHttp("Jiandaoyun", config.timeout(), clock);
    }

    /**
     * Posts to an entry API with the app and entry ids added.
     *
     * @return the answer: a 2xx body, or a 400 body ({@code code}, {@code msg}) that refuses only this record
     */
    Answer call(String path, Map<String, Object> body) {
        Map<String, Object> full = new LinkedHashMap<>();
        full.put("app_id", config.appId());
        full.put("entry_id", config.entryId());
        full.putAll(body);
        HttpAnswer answer = http.send(http.request(config.uri(path))
                .header("Authorization", "Bearer " + config.apiKey()).POST(JsonHttp.json(full)).build());
        if (answer.ok()) {
            return new Answer(answer.json(), null, null);
        }
        JsonNode error = readable(answer);
        String code = error == null ? null : error.path("code").asText(null);
        String msg = error == null ? null : error.path("msg").asText(null);
        if (answer.status() == 400 && code != null) {
            if (RATE_LIMITED.contains(error.path("code").asInt())) {
                throw RemoteCallException.retryable("Jiandaoyun answered code " + code + ": " + msg, 400, code,
                        Duration.ofSeconds(1));
            }
            return new Answer(error, code, msg);
        }
        throw http.failure(answer, code, msg);
    }

    /** A 2xx body, or the code and message of a 400 that refuses only this record. */
    record Answer(JsonNode body, String errorCode, String errorMessage) {
        boolean ok() {
            return errorCode == null;
        }
    }

    private static JsonNode readable(HttpAnswer answer) {
        try {
            return answer.json();
        } catch (RemoteCallException unreadable) {
            return null;
        }
    }
}
