package io.kehu.connector.jiandaoyun;

import io.kehu.api.spi.ConfigField;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.FieldType;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The configuration of one 简道云 form as a destination.
 *
 * @param widgets     delivery field name to the form's widget id ({@code _widget_…} or its alias)
 * @param ownerWidget the member widget that receives the owner (a 简道云 member username), or null
 */
record JiandaoyunConfig(URI baseUrl, String apiKey, String appId, String entryId, Map<String, String> widgets,
        String ownerWidget, boolean startWorkflow, boolean startTrigger, Duration timeout) {

    static final List<ConfigField> FIELDS = List.of(
            ConfigField.optional("baseUrl", FieldType.URL, "https://api.jiandaoyun.com", "API host"),
            ConfigField.secret("apiKey", "API key from 开放平台 → 密钥管理"),
            ConfigField.required("appId", FieldType.STRING, "The app's id (from the form's URL or the API docs page)"),
            ConfigField.required("entryId", FieldType.STRING, "The form's id"),
            ConfigField.required("widgets", FieldType.MAP,
                    "Delivery field → widget id, e.g. name: _widget_1432728651402; unmapped fields are not sent"),
            ConfigField.optional("ownerWidget", FieldType.STRING, null, "Member widget that receives the owner"),
            ConfigField.optional("startWorkflow", FieldType.BOOLEAN, "false", "Start the form's workflow on create"),
            ConfigField.optional("startTrigger", FieldType.BOOLEAN, "false", "Run the form's data triggers (智能助手)"),
            ConfigField.optional("timeout", FieldType.DURATION, "15s", "Timeout of one API call"));

    static JiandaoyunConfig of(ConnectorConfig c) {
        String base = c.string("baseUrl");
        return new JiandaoyunConfig(URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base),
                c.string("apiKey"), c.string("appId"), c.string("entryId"), c.map("widgets"),
                c.has("ownerWidget") ? c.string("ownerWidget") : null, c.bool("startWorkflow"), c.bool("startTrigger"),
                c.duration("timeout"));
    }

    URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    @Override
    public String toString() {
        return "JiandaoyunConfig[baseUrl=" + baseUrl + ", appId=" + appId + ", entryId=" + entryId + "]";
    }
}
