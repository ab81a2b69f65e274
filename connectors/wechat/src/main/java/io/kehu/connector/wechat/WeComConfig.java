package io.kehu.connector.wechat;

import io.kehu.api.spi.ConfigField;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.FieldType;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code wecom} connector's configuration fields and typed access to one instance's values. */
public final class WeComConfig {

    public static final String CORP_ID = "corpId";
    public static final String SECRET = "secret";
    public static final String FOLLOW_USERS = "followUsers";
    public static final String POLL_INTERVAL = "pollInterval";
    public static final String CALLBACK_TOKEN = "callbackToken";
    public static final String ENCODING_AES_KEY = "encodingAesKey";
    public static final String BASE_URL = "baseUrl";
    public static final String TIMESTAMP_TOLERANCE = "timestampTolerance";

    static final String DEFAULT_BASE_URL = "https://qyapi.weixin.qq.com";
    static final Duration MIN_POLL_INTERVAL = Duration.ofMinutes(1);

    public static final List<ConfigField> FIELDS = List.of(
            ConfigField.required(CORP_ID, FieldType.STRING,
                    "The corp id (企业ID), under 我的企业 → 企业信息 in the WeCom admin console, e.g. ww0123456789abcdef."),
            ConfigField.secret(SECRET,
                    "The Secret of 客户联系 (客户与上下游 → 客户联系 → API), or of a self-built app that was given the "
                            + "customer contact permission. Used only to fetch access tokens."),
            ConfigField.optional(FOLLOW_USERS, FieldType.LIST, null,
                    "Member userids whose customers are pulled. Empty: every member with customer contact enabled "
                            + "(externalcontact/get_follow_user_list)."),
            ConfigField.optional(POLL_INTERVAL, FieldType.DURATION, "15m",
                    "How often customers are pulled (only what changed since the last run is ingested), e.g. 15m or 1h; "
                            + "at least 1m. 0 or empty: no pulling, callbacks only."),
            new ConfigField(CALLBACK_TOKEN, FieldType.STRING, null, false, true,
                    "The callback Token (接收事件服务器 → Token). With encodingAesKey it enables /hooks/<instance id>.",
                    List.of()),
            new ConfigField(ENCODING_AES_KEY, FieldType.STRING, null, false, true,
                    "The callback EncodingAESKey (43 characters), set together with callbackToken.", List.of()),
            ConfigField.optional(BASE_URL, FieldType.URL, DEFAULT_BASE_URL,
                    "The WeCom API base URL; change it only for a proxy or a test server."),
            ConfigField.optional(TIMESTAMP_TOLERANCE, FieldType.DURATION, "5m",
                    "How far a callback's timestamp may be from the hub's clock before the callback is refused."));

    private final ConnectorConfig config;

    public WeComConfig(ConnectorConfig config) {
        this.config = config;
    }

    /** Checks beyond the per-field ones: the key's shape, token and key together, something to do. */
    public static List<ConfigProblem> validate(ConnectorConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        WeComConfig c = new WeComConfig(config);
        boolean token = config.has(CALLBACK_TOKEN);
        boolean key = config.has(ENCODING_AES_KEY);
        if (token != key) {
            problems.add(new ConfigProblem(token ? ENCODING_AES_KEY : CALLBACK_TOKEN,
                    "WeCom callbacks need both callbackToken and encodingAesKey"));
        }
        if (key) {
            problems.addAll(WeChatConfigs.aesKeyProblems(config, ENCODING_AES_KEY));
        }
        Duration poll = null;
        try {
            poll = c.pollInterval();
            if (!poll.isZero() && poll.compareTo(MIN_POLL_INTERVAL) < 0) {
                problems.add(new ConfigProblem(POLL_INTERVAL, "must be 0 (no pulling) or at least 1m"));
            }
        } catch (RuntimeException e) {
            // reported by the per-field validation
        }
        if (poll != null && poll.isZero() && !(token && key)) {
            problems.add(new ConfigProblem(null, "Nothing to do: set pollInterval, or callbackToken and encodingAesKey, or both"));
        }
        for (String u : config.list(FOLLOW_USERS)) {
            if (u.length() > 64) {
                problems.add(new ConfigProblem(FOLLOW_USERS, "a WeCom userid has at most 64 characters"));
                break;
            }
        }
        problems.addAll(WeChatConfigs.toleranceProblems(config, TIMESTAMP_TOLERANCE));
        return problems;
    }

    public String corpId() {
        return config.string(CORP_ID).trim();
    }

    String secret() {
        return config.string(SECRET).trim();
    }

    /** The configured follow users, or empty for "all of them". */
    public List<String> followUsers() {
        return config.list(FOLLOW_USERS).stream().distinct().sorted().toList();
    }

    /** Zero when pulling is off. */
    public Duration pollInterval() {
        return config.has(POLL_INTERVAL) ? config.duration(POLL_INTERVAL) : Duration.ZERO;
    }

    public boolean callbacksEnabled() {
        return config.has(CALLBACK_TOKEN) && config.has(ENCODING_AES_KEY);
    }

    WeComCrypto crypto() {
        return new WeComCrypto(config.string(CALLBACK_TOKEN).trim(), config.string(ENCODING_AES_KEY).trim(), corpId());
    }

    public URI baseUrl() {
        return URI.create(config.has(BASE_URL) ? config.string(BASE_URL).trim() : DEFAULT_BASE_URL);
    }

    public Duration timestampTolerance() {
        return config.has(TIMESTAMP_TOLERANCE) ? config.duration(TIMESTAMP_TOLERANCE) : Duration.ofMinutes(5);
    }
}
