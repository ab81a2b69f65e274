package io.kehu.connector.hubspot;

import io.kehu.api.spi.ConfigField;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.FieldType;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** The HubSpot destination's configuration fields and typed access to one instance's values. */
final class HubSpotConfig {

    static final String ACCESS_TOKEN = "accessToken";
    static final String BASE_URL = "baseUrl";
    static final String ID_PROPERTY = "idProperty";
    static final String ID_SOURCE = "idSource";
    static final String CALLS_PER_10_SECONDS = "callsPer10Seconds";
    static final String DAILY_LIMIT_ZONE = "dailyLimitZone";
    static final String TIMEOUT = "timeout";

    /** The id value is the mapped field named by idProperty (e.g. the e-mail). */
    static final String FROM_FIELD = "field";
    /** The id value is the hub's idempotency key, for a custom unique property such as kehu_id. */
    static final String FROM_KEY = "idempotencyKey";

    static final List<ConfigField> FIELDS = List.of(
            ConfigField.secret(ACCESS_TOKEN, "The private app's access token (pat-…), with the crm.objects.contacts.read and "
                    + "crm.objects.contacts.write scopes."),
            ConfigField.optional(BASE_URL, FieldType.URL, "https://api.hubapi.com", "HubSpot's API root."),
            ConfigField.optional(ID_PROPERTY, FieldType.STRING, "email",
                    "The unique contact property upserts match on: 'email', or a custom property with unique values."),
            ConfigField.choice(ID_SOURCE, FROM_FIELD,
                    "Where the idProperty value comes from: 'field' (the delivery's mapped field of that name; a lead "
                            + "without it is refused without a call) or 'idempotencyKey' (the hub's key, for a custom unique property).",
                    FROM_FIELD, FROM_KEY),
            ConfigField.optional(CALLS_PER_10_SECONDS, FieldType.INTEGER, "100",
                    "Batch calls per 10 seconds the hub may make: 100 (Free/Starter), 190 (Professional/Enterprise), "
                            + "more with the API limit increase. Other apps on the account share the budget."),
            ConfigField.optional(DAILY_LIMIT_ZONE, FieldType.STRING, "UTC",
                    "Time zone of the HubSpot account (Settings → Account defaults): its daily API limit resets at midnight "
                            + "there, and a lead refused by the daily limit is retried then."),
            ConfigField.optional(TIMEOUT, FieldType.DURATION, "30s", "Timeout of each HTTP call."));

    private final ConnectorConfig config;

    HubSpotConfig(ConnectorConfig config) {
        this.config = config;
    }

    static List<ConfigProblem> validate(ConnectorConfig config) {
        List<ConfigProblem> problems = new ArrayList<>(config.validate());
        if (!problems.isEmpty()) {
            return problems;
        }
        HubSpotConfig c = new HubSpotConfig(config);
        if (c.callsPer10Seconds() < 1) {
            problems.add(new ConfigProblem(CALLS_PER_10_SECONDS, "must be at least 1"));
        }
        try {
            c.dailyLimitZone();
        } catch (DateTimeException e) {
            problems.add(new ConfigProblem(DAILY_LIMIT_ZONE, "must be a time zone such as UTC, Asia/Shanghai or America/New_York"));
        }
        return problems;
    }

    String accessToken() {
        return config.string(ACCESS_TOKEN);
    }

    URI baseUrl() {
        return URI.create(config.string(BASE_URL).replaceAll("/+$", ""));
    }

    String idProperty() {
        return config.string(ID_PROPERTY);
    }

    boolean idFromKey() {
        return FROM_KEY.equals(config.string(ID_SOURCE));
    }

    int callsPer10Seconds() {
        return config.integer(CALLS_PER_10_SECONDS);
    }

    ZoneId dailyLimitZone() {
        return ZoneId.of(config.string(DAILY_LIMIT_ZONE));
    }

    Duration timeout() {
        return config.duration(TIMEOUT);
    }
}
