package io.kehu.connector.neocrm;

import io.kehu.api.spi.ConfigField;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.FieldType;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The configuration of one 销售易 destination instance.
 *
 * @param externalKeyField a custom text field of the lead (e.g. {@code customItem180__c}) that holds the hub's
 *                         idempotency key, so a create whose answer was lost can be found again
 */
record NeocrmConfig(URI loginUrl, URI apiUrl, String clientId, String clientSecret, String redirectUri, String username,
        String password, String entityType, String externalKeyField, Duration timeout) {

    static final List<ConfigField> FIELDS = List.of(
            ConfigField.optional("loginUrl", FieldType.URL, "https://login.xiaoshouyi.com", "OAuth host of the tenant"),
            ConfigField.optional("apiUrl", FieldType.URL, "https://api.xiaoshouyi.com",
                    "REST API host of the tenant (the instance_uri of its tokens)"),
            ConfigField.required("clientId", FieldType.STRING, "Client ID of the connected app (连接器)"),
            ConfigField.secret("clientSecret", "Client Secret of the connected app"),
            ConfigField.required("redirectUri", FieldType.STRING, "Redirect URI registered with the connected app"),
            ConfigField.required("username", FieldType.STRING, "Login of the integration user"),
            ConfigField.secret("password", "Password of the integration user followed by its security token (安全令牌)"),
            ConfigField.optional("entityType", FieldType.STRING, null, "Business type (业务类型) id of new leads; the default type when empty"),
            ConfigField.required("externalKeyField", FieldType.STRING,
                    "API key of a custom text field on the lead (e.g. customItem180__c) that stores the hub's key"),
            ConfigField.optional("timeout", FieldType.DURATION, "15s", "Timeout of one API call"));

    static NeocrmConfig of(ConnectorConfig c) {
        return new NeocrmConfig(URI.create(stripSlash(c.string("loginUrl"))), URI.create(stripSlash(c.string("apiUrl"))),
                c.string("clientId"), c.string("clientSecret"), c.string("redirectUri"), c.string("username"),
                c.string("password"), c.has("entityType") ? c.string("entityType") : null, c.string("externalKeyField"),
                c.duration("timeout"));
    }

    URI api(String path) {
        return URI.create(apiUrl + path);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "NeocrmConfig[apiUrl=" + apiUrl + ", clientId=" + clientId + ", username=" + username + "]";
    }
}
