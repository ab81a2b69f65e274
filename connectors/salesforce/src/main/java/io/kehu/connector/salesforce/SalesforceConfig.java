package io.kehu.connector.salesforce;

import io.kehu.api.spi.ConfigField;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.FieldType;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The Salesforce destination's configuration fields and typed access to one instance's values. */
final class SalesforceConfig {

    static final String LOGIN_URL = "loginUrl";
    static final String GRANT_TYPE = "grantType";
    static final String CLIENT_ID = "clientId";
    static final String CLIENT_SECRET = "clientSecret";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String REFRESH_TOKEN = "refreshToken";
    static final String EXTERNAL_ID_FIELD = "externalIdField";
    static final String API_VERSION = "apiVersion";
    static final String SESSION_TIMEOUT = "sessionTimeout";
    static final String TIMEOUT = "timeout";

    static final String CLIENT_CREDENTIALS = "client_credentials";
    static final String PASSWORD_GRANT = "password";
    static final String REFRESH_TOKEN_GRANT = "refresh_token";

    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.\\d");
    /** sObject Collections upsert exists from this API version on. */
    private static final int FIRST_COLLECTIONS_UPSERT_VERSION = 46;

    static final List<ConfigField> FIELDS = List.of(
            ConfigField.optional(LOGIN_URL, FieldType.URL, "https://login.salesforce.com",
                    "Where tokens are fetched: your My Domain URL (https://<domain>.my.salesforce.com, required for "
                            + "client_credentials), https://login.salesforce.com or https://test.salesforce.com for a sandbox."),
            ConfigField.choice(GRANT_TYPE, CLIENT_CREDENTIALS,
                    "OAuth 2.0 flow of the connected app: 'client_credentials' (a run-as user set on the app), "
                            + "'password' (username + password and security token) or 'refresh_token'.",
                    CLIENT_CREDENTIALS, PASSWORD_GRANT, REFRESH_TOKEN_GRANT),
            ConfigField.required(CLIENT_ID, FieldType.STRING, "The connected app's Consumer Key."),
            optionalSecret(CLIENT_SECRET, "The connected app's Consumer Secret (needed by client_credentials and password)."),
            ConfigField.optional(USERNAME, FieldType.STRING, null, "For 'password': the integration user's username."),
            optionalSecret(PASSWORD, "For 'password': the user's password followed by its security token."),
            optionalSecret(REFRESH_TOKEN, "For 'refresh_token': a refresh token issued to the connected app."),
            ConfigField.optional(EXTERNAL_ID_FIELD, FieldType.STRING, "Kehu_Id__c",
                    "API name of the Lead field marked External ID (and Unique) that holds the hub's key of each lead; "
                            + "Leads are upserted by it, so a replayed delivery never makes a second Lead."),
            ConfigField.optional(API_VERSION, FieldType.STRING, "62.0", "REST API version, 46.0 or later."),
            ConfigField.optional(SESSION_TIMEOUT, FieldType.DURATION, "2h",
                    "The org's session timeout (Setup → Session Settings): tokens are renewed before it passes. "
                            + "A token refused earlier is renewed at once anyway."),
            ConfigField.optional(TIMEOUT, FieldType.DURATION, "30s", "Timeout of each HTTP call."));

    private final ConnectorConfig config;

    SalesforceConfig(ConnectorConfig config) {
        this.config = config;
    }

    private static ConfigField optionalSecret(String key, String description) {
        return new ConfigField(key, FieldType.STRING, null, false, true, description, List.of());
    }

    /** Checks beyond the per-field ones: what each grant type needs, names Salesforce accepts. */
    static List<ConfigProblem> validate(ConnectorConfig config) {
        List<ConfigProblem> problems = new ArrayList<>(config.validate());
        if (!problems.isEmpty()) {
            return problems;
        }
        SalesforceConfig c = new SalesforceConfig(config);
        switch (c.grantType()) {
            case PASSWORD_GRANT -> need(config, problems, CLIENT_SECRET, USERNAME, PASSWORD);
            case REFRESH_TOKEN_GRANT -> need(config, problems, REFRESH_TOKEN);
            default -> need(config, problems, CLIENT_SECRET);
        }
        if (!FIELD_NAME.matcher(c.externalIdField()).matches()) {
            problems.add(new ConfigProblem(EXTERNAL_ID_FIELD, "must be a field's API name, e.g. Kehu_Id__c"));
        }
        var version = VERSION.matcher(c.apiVersion());
        if (!version.matches() || Integer.parseInt(version.group(1)) < FIRST_COLLECTIONS_UPSERT_VERSION) {
            problems.add(new ConfigProblem(API_VERSION, "must look like 62.0 and be 46.0 or later"));
        }
        return problems;
    }

    private static void need(ConnectorConfig config, List<ConfigProblem> problems, String... keys) {
        for (String key : keys) {
            if (!config.has(key)) {
                problems.add(new ConfigProblem(key, "is required for grantType " + config.string(GRANT_TYPE)));
            }
        }
    }

    URI loginUrl() {
        return URI.create(config.string(LOGIN_URL).replaceAll("/+$", ""));
    }

    String grantType() {
        return config.string(GRANT_TYPE);
    }

    String clientId() {
        return config.string(CLIENT_ID);
    }

    String clientSecret() {
        return config.string(CLIENT_SECRET);
    }

    String username() {
        return config.string(USERNAME);
    }

    String password() {
        return config.string(PASSWORD);
    }

    String refreshToken() {
        return config.string(REFRESH_TOKEN);
    }

    String externalIdField() {
        return config.string(EXTERNAL_ID_FIELD);
    }

    String apiVersion() {
        return config.string(API_VERSION);
    }

    Duration sessionTimeout() {
        return config.duration(SESSION_TIMEOUT);
    }

    Duration timeout() {
        return config.duration(TIMEOUT);
    }
}
