package io.kehu.server.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kehu.api.HubException;
import io.kehu.server.config.AlertProperties;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Builds the configured targets, refusing an incomplete one at start rather than at the first alert. */
public final class AlertTargets {

    private AlertTargets() {
    }

    /** With none configured, alerts go to the log. */
    public static List<AlertTarget> from(List<AlertProperties.Target> configured, ObjectMapper json) {
        if (configured.isEmpty()) {
            return List.of(new LogTarget("log"));
        }
        HttpClient http = HttpSend.newClient();
        List<AlertTarget> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < configured.size(); i++) {
            AlertProperties.Target t = configured.get(i);
            String path = "hub.alerts.targets[" + i + "]";
            String type = t.getType() == null ? "" : t.getType().trim().toLowerCase(Locale.ROOT);
            String name = blank(t.getName()) ? type : t.getName().trim();
            if (!names.add(name)) {
                name = name + "-" + (i + 1);
                names.add(name);
            }
            out.add(switch (type) {
                case "wecom-robot" -> {
                    require(!blank(t.getKey()), path + ".key is required for a wecom-robot target");
                    require(t.getPerMinute() > 0, path + ".per-minute must be more than 0");
                    yield new WeComRobotTarget(name, t.getUrl(), t.getKey().trim(), t.getPerMinute(), http, json);
                }
                case "webhook" -> {
                    require(t.getUrl() != null, path + ".url is required for a webhook target");
                    yield new WebhookTarget(name, t.getUrl(), t.getSecret(), t.getSignatureHeader(), http, json);
                }
                case "log" -> new LogTarget(name);
                default -> throw HubException.configuration(path + ".type must be wecom-robot, webhook or log");
            });
        }
        return List.copyOf(out);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw HubException.configuration(message);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
