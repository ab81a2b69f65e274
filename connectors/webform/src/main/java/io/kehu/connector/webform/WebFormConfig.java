package io.kehu.connector.webform;

import io.kehu.api.spi.ConfigField;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.FieldType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The web form connector's configuration fields and typed access to one instance's values. */
final class WebFormConfig {

    static final String PRESET = "preset";
    static final String SECRET = "secret";
    static final String TOKEN_LOCATION = "tokenLocation";
    static final String ALLOWED_SOURCES = "allowedSources";
    static final String MAPPING = "mapping";
    static final String SOURCE = "source";
    static final String SIGNATURE_TOLERANCE = "signatureTolerance";

    /** Where a shared token is looked for when the preset has no signature of its own. */
    enum TokenLocation {
        /** {@code /hooks/{id}?token=…} */
        QUERY,
        /** an {@code X-Kehu-Token} header */
        HEADER,
        /** {@code /hooks/{id}/{token}} */
        PATH
    }

    static final String TOKEN_PARAM = "token";
    static final String TOKEN_HEADER = "X-Kehu-Token";
    /** Shared tokens are guessable below this length; signatures' keys are the vendor's business. */
    static final int MIN_TOKEN_LENGTH = 16;
    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9._~-]+");

    static final List<ConfigField> FIELDS = List.of(
            ConfigField.choice(PRESET, "generic",
                    "Which form service posts here: 'generic' (any JSON, urlencoded or multipart post; use 'mapping'), "
                            + "'jinshuju' (金数据 data push), 'jiandaoyun' (简道云 data push, X-JDY-Signature checked), "
                            + "'typeform' (Typeform-Signature checked) or 'jotform'. Presets find name, phone and e-mail without a mapping.",
                    FormPreset.NAMES.toArray(String[]::new)),
            ConfigField.secret(SECRET,
                    "For 'jiandaoyun' and 'typeform': the secret set on the vendor's webhook, used to check its signature. "
                            + "For the other presets: a shared token (at least 16 characters of A-Z a-z 0-9 . _ ~ -) the vendor "
                            + "sends as set by 'tokenLocation'. Use ${ENV_VAR} in config files."),
            ConfigField.choice(TOKEN_LOCATION, "query",
                    "Where the shared token is sent, for presets without a signature: 'query' (/hooks/<id>?token=<secret>), "
                            + "'header' (X-Kehu-Token: <secret>) or 'path' (/hooks/<id>/<secret>).",
                    "query", "header", "path"),
            ConfigField.optional(ALLOWED_SOURCES, FieldType.LIST, null,
                    "Optional allowlist of client IPs or CIDR blocks (e.g. 203.0.113.0/24); other addresses are refused "
                            + "with 403 before anything is read. Recommended for 金数据, which signs nothing. The address is the "
                            + "TCP peer the hub sees: behind a reverse proxy, list the proxy or filter there."),
            ConfigField.optional(MAPPING, FieldType.MAP, null,
                    "Form field to target. Keys: a field name ('phone'), or a JSON path ('entry.field_1', "
                            + "'form_response.answers[type=email].email', 'data._widget_1432728651402'). Targets: "
                            + String.join(", ", MappingTarget.TARGET_NAMES) + ", attr:<key>. Targets a mapping leaves out "
                            + "are still detected automatically; map a field to 'ignore' to keep it out."),
            ConfigField.optional(SOURCE, FieldType.STRING, null,
                    "Source label of the leads, shown to sales. Default: the vendor's name (金数据, 简道云, Typeform, Jotform, web form)."),
            ConfigField.optional(SIGNATURE_TOLERANCE, FieldType.DURATION, null,
                    "For 'jiandaoyun' only (the only vendor here that signs a timestamp): refuse pushes whose signed "
                            + "timestamp is further than this from the hub's clock, e.g. 10m. Default: not checked."));

    private final ConnectorConfig config;

    WebFormConfig(ConnectorConfig config) {
        this.config = config;
    }

    /** Checks beyond the per-field ones: mapping targets, allowlist entries, token shape, tolerance use. */
    static List<ConfigProblem> validate(ConnectorConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        String preset = config.has(PRESET) ? config.string(PRESET).strip() : "generic";
        try {
            config.map(MAPPING).forEach((field, target) -> {
                String problem = MappingTarget.problemWith(target);
                if (problem != null) {
                    problems.add(new ConfigProblem(MAPPING, "field '" + field + "': " + problem));
                }
                try {
                    JsonPath.parse(field);
                } catch (IllegalArgumentException e) {
                    problems.add(new ConfigProblem(MAPPING, "field '" + field + "': " + e.getMessage()));
                }
            });
        } catch (RuntimeException e) {
            // not a map: reported by the per-field validation
        }
        try {
            SourceAllowlist.parse(config.list(ALLOWED_SOURCES));
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(ALLOWED_SOURCES, e.getMessage()));
        }
        boolean signed = FormPreset.signs(preset);
        if (!signed && config.has(SECRET)) {
            String token = config.string(SECRET);
            // The value itself never goes into a problem: it is a secret.
            if (token.length() < MIN_TOKEN_LENGTH) {
                problems.add(new ConfigProblem(SECRET, "a shared token must have at least " + MIN_TOKEN_LENGTH + " characters"));
            }
            String location = config.has(TOKEN_LOCATION) ? config.string(TOKEN_LOCATION) : "query";
            if (!location.equals("header") && !URL_SAFE.matcher(token).matches()) {
                problems.add(new ConfigProblem(SECRET, "a token sent in the URL may only use A-Z a-z 0-9 . _ ~ -"));
            }
        }
        if (config.has(SIGNATURE_TOLERANCE) && !preset.equals("jiandaoyun")) {
            problems.add(new ConfigProblem(SIGNATURE_TOLERANCE,
                    "applies only to the 'jiandaoyun' preset: the other vendors sign no timestamp"));
        }
        return problems;
    }

    String preset() {
        return config.has(PRESET) ? config.string(PRESET).strip().toLowerCase(Locale.ROOT) : "generic";
    }

    /** The secret as bytes; never logged. */
    byte[] secret() {
        String s = config.string(SECRET);
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    TokenLocation tokenLocation() {
        return config.has(TOKEN_LOCATION) ? TokenLocation.valueOf(config.string(TOKEN_LOCATION).strip().toUpperCase(Locale.ROOT))
                : TokenLocation.QUERY;
    }

    SourceAllowlist allowedSources() {
        return SourceAllowlist.parse(config.list(ALLOWED_SOURCES));
    }

    /** Field (name or JSON path) to target, in the order given. */
    Map<String, MappingTarget> mapping() {
        Map<String, MappingTarget> out = new LinkedHashMap<>();
        config.map(MAPPING).forEach((field, target) -> out.put(field.strip(), MappingTarget.parse(target)));
        return out;
    }

    /** The configured source label, or null for the preset's vendor name. */
    String source() {
        return config.has(SOURCE) ? config.string(SOURCE).strip() : null;
    }

    /** The allowed clock difference of signed timestamps, or null when not checked. */
    Duration signatureTolerance() {
        return config.has(SIGNATURE_TOLERANCE) ? config.duration(SIGNATURE_TOLERANCE) : null;
    }
}
