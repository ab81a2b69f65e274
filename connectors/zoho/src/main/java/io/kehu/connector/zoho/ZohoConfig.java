package io.kehu.connector.zoho;

import io.kehu.api.spi.ConfigField;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.FieldType;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The Zoho CRM destination's configuration fields and typed access to one instance's values. */
final class ZohoConfig {

    static final String DATA_CENTRE = "dataCentre";
    static final String CLIENT_ID = "clientId";
    static final String CLIENT_SECRET = "clientSecret";
    static final String REFRESH_TOKEN = "refreshToken";
    static final String EXTERNAL_ID_FIELD = "externalIdField";
    static final String DUPLICATE_CHECK_FIELDS = "duplicateCheckFields";
    static final String TRIGGERS = "triggers";
    static final String ACCOUNTS_URL = "accountsUrl";
    static final String API_URL = "apiUrl";
    static final String TIMEOUT = "timeout";

    /** Each data centre's accounts (OAuth) host and API host; an account lives in exactly one. */
    static final Map<String, String[]> DATA_CENTRES = Map.of(
            "com", new String[] {"https://accounts.zoho.com", "https://www.zohoapis.com"},
            "eu", new String[] {"https://accounts.zoho.eu", "https://www.zohoapis.eu"},
            "in", new String[] {"https://accounts.zoho.in", "https://www.zohoapis.in"},
            "com.au", new String[] {"https://accounts.zoho.com.au", "https://www.zohoapis.com.au"},
            "jp", new String[] {"https://accounts.zoho.jp", "https://www.zohoapis.jp"},
            "com.cn", new String[] {"https://accounts.zoho.com.cn", "https://www.zohoapis.com.cn"});

    private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final List<String> TRIGGER_NAMES = List.of("workflow", "approval", "blueprint");

    static final List<ConfigField> FIELDS = List.of(
            ConfigField.choice(DATA_CENTRE, "com",
                    "Where the Zoho account lives, as in its domain: com (zoho.com), eu, in, com.au, jp, or com.cn "
                            + "(中国数据中心, accounts.zoho.com.cn / www.zohoapis.com.cn).",
                    "com", "eu", "in", "com.au", "jp", "com.cn"),
            ConfigField.required(CLIENT_ID, FieldType.STRING, "Client ID of the Self Client or server-based client (api-console)."),
            ConfigField.secret(CLIENT_SECRET, "Client Secret of that client."),
            ConfigField.secret(REFRESH_TOKEN, "A refresh token generated for that client with scope ZohoCRM.modules.leads.ALL "
                    + "and ZohoCRM.settings.fields.READ (for check)."),
            ConfigField.optional(EXTERNAL_ID_FIELD, FieldType.STRING, "Kehu_Id",
                    "API name of a Leads single-line field with 'Do not allow duplicate values' on; it holds the hub's key "
                            + "of each lead, so a replayed delivery updates the same Lead."),
            ConfigField.optional(DUPLICATE_CHECK_FIELDS, FieldType.LIST, null,
                    "Fields the upsert matches existing Leads on, in order. Default: the external id field, then Email."),
            ConfigField.optional(TRIGGERS, FieldType.LIST, "workflow",
                    "Automation the upsert triggers: any of workflow, approval, blueprint; empty for none."),
            ConfigField.optional(ACCOUNTS_URL, FieldType.URL, null,
                    "Overrides the data centre's accounts URL (a proxy, a test server)."),
            ConfigField.optional(API_URL, FieldType.URL, null,
                    "Overrides the API domain the token answer names (a proxy, a test server)."),
            ConfigField.optional(TIMEOUT, FieldType.DURATION, "30s", "Timeout of each HTTP call."));

    private final ConnectorConfig config;

    ZohoConfig(ConnectorConfig config) {
        this.config = config;
    }

    static List<ConfigProblem> validate(ConnectorConfig config) {
        List<ConfigProblem> problems = new ArrayList<>(config.validate());
        if (!problems.isEmpty()) {
            return problems;
        }
        ZohoConfig c = new ZohoConfig(config);
        if (!API_NAME.matcher(c.externalIdField()).matches()) {
            problems.add(new ConfigProblem(EXTERNAL_ID_FIELD, "must be a field's API name, e.g. Kehu_Id"));
        }
        if (c.duplicateCheckFields().stream().anyMatch(f -> !API_NAME.matcher(f).matches())) {
            problems.add(new ConfigProblem(DUPLICATE_CHECK_FIELDS, "must be field API names, e.g. Kehu_Id, Email"));
        }
        if (!TRIGGER_NAMES.containsAll(c.triggers())) {
            problems.add(new ConfigProblem(TRIGGERS, "may hold only " + TRIGGER_NAMES));
        }
        return problems;
    }

    URI accountsUrl() {
        String url = config.has(ACCOUNTS_URL) ? config.string(ACCOUNTS_URL) : DATA_CENTRES.get(config.string(DATA_CENTRE))[0];
        return URI.create(url.replaceAll("/+$", ""));
    }

    /** The API domain to use when neither the override nor the token answer names one. */
    String defaultApiDomain() {
        return DATA_CENTRES.get(config.string(DATA_CENTRE))[1];
    }

    String apiUrlOverride() {
        return config.has(API_URL) ? config.string(API_URL).replaceAll("/+$", "") : null;
    }

    String clientId() {
        return config.string(CLIENT_ID);
    }

    String clientSecret() {
        return config.string(CLIENT_SECRET);
    }

    String refreshToken() {
        return config.string(REFRESH_TOKEN);
    }

    String externalIdField() {
        return config.string(EXTERNAL_ID_FIELD);
    }

    List<String> duplicateCheckFields() {
        List<String> given = config.list(DUPLICATE_CHECK_FIELDS);
        return given.isEmpty() ? List.of(externalIdField(), "Email") : given;
    }

    List<String> triggers() {
        return config.list(TRIGGERS);
    }

    Duration timeout() {
        return config.duration(TIMEOUT);
    }
}
