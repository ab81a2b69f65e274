package io.kehu.connector.wechat;

import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import java.time.Duration;
import java.util.List;

/** Checks shared by both connector types' configurations. */
final class WeChatConfigs {

    private WeChatConfigs() {
    }

    static List<ConfigProblem> aesKeyProblems(ConnectorConfig config, String field) {
        try {
            WeComCrypto.decodeKey(config.string(field));
            return List.of();
        } catch (IllegalArgumentException e) {
            // The value is a secret: the problem never quotes it.
            return List.of(new ConfigProblem(field, "must be the 43-character EncodingAESKey shown by WeChat"));
        }
    }

    static List<ConfigProblem> toleranceProblems(ConnectorConfig config, String field) {
        if (!config.has(field)) {
            return List.of();
        }
        try {
            Duration d = config.duration(field);
            if (d.isNegative() || d.isZero()) {
                return List.of(new ConfigProblem(field, "must be positive, e.g. 5m"));
            }
        } catch (RuntimeException e) {
            // reported by the per-field validation
        }
        return List.of();
    }
}
