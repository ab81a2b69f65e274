package io.kehu.connector.wechat;

import io.kehu.api.spi.ConfigField;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.FieldType;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code wechat-oa} connector's configuration fields and typed access to one instance's values. */
public final class OfficialAccountConfig {

    public static final String APP_ID = "appId";
    public static final String APP_SECRET = "appSecret";
    public static final String CALLBACK_TOKEN = "callbackToken";
    public static final String ENCODING_AES_KEY = "encodingAesKey";
    public static final String BASE_URL = "baseUrl";
    public static final String TIMESTAMP_TOLERANCE = "timestampTolerance";

    static final String DEFAULT_BASE_URL = "https://api.weixin.qq.com";

    public static final List<ConfigField> FIELDS = List.of(
            ConfigField.required(APP_ID, FieldType.STRING,
                    "The account's AppID (开发 → 基本配置), e.g. wx0123456789abcdef."),
            ConfigField.secret(APP_SECRET,
                    "The AppSecret (开发 → 基本配置). Used only to fetch access tokens; the hub's IP must be on the "
                            + "account's IP allowlist."),
            ConfigField.secret(CALLBACK_TOKEN,
                    "The server configuration's Token (服务器配置 → 令牌(Token))."),
            new ConfigField(ENCODING_AES_KEY, FieldType.STRING, null, false, true,
                    "The server configuration's EncodingAESKey (43 characters) when the account uses 安全模式 "
                            + "(safe mode). Empty: plain mode (明文模式).", List.of()),
            ConfigField.optional(BASE_URL, FieldType.URL, DEFAULT_BASE_URL,
                    "The Official Account API base URL; change it only for a proxy or a test server."),
            ConfigField.optional(TIMESTAMP_TOLERANCE, FieldType.DURATION, "5m",
                    "How far a callback's timestamp may be from the hub's clock before the callback is refused."));

    private final ConnectorConfig config;

    public OfficialAccountConfig(ConnectorConfig config) {
        this.config = config;
    }

    public static List<ConfigProblem> validate(ConnectorConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (config.has(ENCODING_AES_KEY)) {
            problems.addAll(WeChatConfigs.aesKeyProblems(config, ENCODING_AES_KEY));
        }
        problems.addAll(WeChatConfigs.toleranceProblems(config, TIMESTAMP_TOLERANCE));
        return problems;
    }

    public String appId() {
        return config.string(APP_ID).trim();
    }

    String appSecret() {
        return config.string(APP_SECRET).trim();
    }

    WeComCrypto crypto() {
        String key = config.has(ENCODING_AES_KEY) ? config.string(ENCODING_AES_KEY).trim() : null;
        return new WeComCrypto(config.string(CALLBACK_TOKEN).trim(), key, appId());
    }

    public URI baseUrl() {
        return URI.create(config.has(BASE_URL) ? config.string(BASE_URL).trim() : DEFAULT_BASE_URL);
    }

    public Duration timestampTolerance() {
        return config.has(TIMESTAMP_TOLERANCE) ? config.duration(TIMESTAMP_TOLERANCE) : Duration.ofMinutes(5);
    }
}
