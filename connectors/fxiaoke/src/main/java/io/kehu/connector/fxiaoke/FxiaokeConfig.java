package io.kehu.connector.fxiaoke;

import io.kehu.api.spi.ConfigField;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.FieldType;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The configuration of one 纷享销客 destination instance.
 *
 * @param externalKeyField a custom text field of the lead object (e.g. {@code kehu_id__c}) that holds the
 *                         hub's idempotency key, so a create whose answer was lost can be found again
 */
record FxiaokeConfig(URI baseUrl, String appId, String appSecret, String permanentCode, String currentOpenUserId,
        String objectApiName, String externalKeyField, boolean triggerWorkFlow, Duration timeout) {

    static final List<ConfigField> FIELDS = List.of(
            ConfigField.optional("baseUrl", FieldType.URL, "https://open.fxiaoke.com",
                    "Open API host of the cloud the tenant is on (open.fxiaoke.com, open-hwcloud.fxiaoke.com, …)"),
            ConfigField.required("appId", FieldType.STRING, "App ID of the self-built app (自建应用)"),
            ConfigField.secret("appSecret", "App Secret of the self-built app"),
            ConfigField.secret("permanentCode", "Permanent authorisation code (永久授权码) of the self-built app"),
            ConfigField.required("currentOpenUserId", FieldType.STRING,
                    "openUserId of the employee the API acts as (FSUID_…); needs create and edit rights on leads"),
            ConfigField.optional("objectApiName", FieldType.STRING, "LeadsObj", "API name of the lead object"),
            ConfigField.required("externalKeyField", FieldType.STRING,
                    "API name of a custom text field on the lead object (e.g. kehu_id__c) that stores the hub's key"),
            ConfigField.optional("triggerWorkFlow", FieldType.BOOLEAN, "true", "Run the tenant's workflows on create"),
            ConfigField.optional("timeout", FieldType.DURATION, "15s", "Timeout of one API call"));

    static FxiaokeConfig of(ConnectorConfig c) {
        return new FxiaokeConfig(URI.create(stripSlash(c.string("baseUrl"))), c.string("appId"), c.string("appSecret"),
                c.string("permanentCode"), c.string("currentOpenUserId"), c.string("objectApiName"),
                c.string("externalKeyField"), c.bool("triggerWorkFlow"), c.duration("timeout"));
    }

    URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "FxiaokeConfig[baseUrl=" + baseUrl + ", appId=" + appId + ", objectApiName=" + objectApiName + "]";
    }
}
