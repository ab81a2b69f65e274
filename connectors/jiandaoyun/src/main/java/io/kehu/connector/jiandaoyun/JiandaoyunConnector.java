package io.kehu.connector.jiandaoyun;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.spi.CheckResult;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.ConnectorDescriptor;
import io.kehu.api.spi.ConnectorKind;
import io.kehu.api.spi.DestinationConnector;
import io.kehu.api.spi.DestinationContext;
import io.kehu.api.spi.DestinationTask;
import io.kehu.api.spi.RemoteCallException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A 简道云 (Jiandaoyun) form as a destination: qualified leads become form entries. */
@Extension
public class JiandaoyunConnector implements DestinationConnector {

    private static final Logger log = LoggerFactory.getLogger(JiandaoyunConnector.class);

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor("jiandaoyun", "Jiandaoyun form", "简道云 表单",
                "Creates and updates entries of a 简道云 form through its API v5, deduplicated by transaction_id.",
                ConnectorKind.DESTINATION, JiandaoyunConfig.FIELDS);
    }

    @Override
    public List<ConfigProblem> validate(ConnectorConfig config) {
        try {
            return config.map("widgets").isEmpty()
                    ? List.of(new ConfigProblem("widgets", "must map at least one field to a widget")) : List.of();
        } catch (IllegalArgumentException notAMap) {
            return List.of(); // the host reports the type error
        }
    }

    /** Lists the form's widgets: proves the API key and ids, and that every mapped widget exists. */
    @Override
    public CheckResult check(ConnectorConfig config) {
        JiandaoyunConfig c = JiandaoyunConfig.of(config);
        try {
            JiandaoyunClient.Answer answer = new JiandaoyunClient(c, Clock.systemUTC())
                    .call(JiandaoyunClient.WIDGETS_PATH, Map.of());
            if (!answer.ok()) {
                return CheckResult.failed("Jiandaoyun refused the widget list: code " + answer.errorCode() + ": " + answer.errorMessage());
            }
            Set<String> present = new HashSet<>();
            for (JsonNode w : answer.body().path("widgets")) {
                present.add(w.path("name").asText());
            }
            List<String> missing = new ArrayList<>(c.widgets().values());
            if (c.ownerWidget() != null) {
                missing.add(c.ownerWidget());
            }
            missing.removeAll(present);
            return missing.isEmpty() ? CheckResult.ok("Jiandaoyun form has every mapped widget")
                    : CheckResult.failed("The form has no widget " + String.join(", ", missing));
        } catch (RemoteCallException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    @Override
    public DestinationTask start(DestinationContext context) {
        JiandaoyunConfig c = JiandaoyunConfig.of(context.config());
        log.info("Jiandaoyun destination {} delivers to form {} of app {}", context.instanceId(), c.entryId(), c.appId());
        return new JiandaoyunTask(c, context, Clock.systemUTC());
    }
}
