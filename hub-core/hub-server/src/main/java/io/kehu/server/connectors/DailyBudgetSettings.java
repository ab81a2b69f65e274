package io.kehu.server.connectors;

import io.kehu.api.spi.ConfigField;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.FieldType;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daily call budget of one destination instance: how many calls the hub may make to it per day, and the
 * zone where that day starts. These are the hub's fields, not the plugin's: every destination type's schema
 * shows them beside its own fields, the instance's {@code config} carries them, and they are taken out
 * before the plugin sees its configuration.
 *
 * @param calls calls per day; null for no budget
 * @param zone  where the day starts
 */
public record DailyBudgetSettings(Integer calls, ZoneId zone) {

    public static final String BUDGET = "dailyCallBudget";
    public static final String ZONE = "dailyBudgetZone";
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    public static final DailyBudgetSettings NONE = new DailyBudgetSettings(null, DEFAULT_ZONE);

    /** What the schema of every destination type adds to the plugin's fields. */
    public static final List<ConfigField> FIELDS = List.of(
            ConfigField.optional(BUDGET, FieldType.INTEGER, null, "Hub: the most calls the hub makes to this "
                    + "instance per day, e.g. the share of the CRM's daily API quota it may use; empty for no budget. "
                    + "When it is used up, leads wait as PENDING until the day turns."),
            ConfigField.optional(ZONE, FieldType.STRING, DEFAULT_ZONE.getId(), "Hub: the time zone where the day of "
                    + "dailyCallBudget starts (an IANA id such as Asia/Shanghai or America/Los_Angeles)"));

    public boolean limited() {
        return calls != null;
    }

    /** The hub's settings from an instance's config values; call only with values {@link #problems} accepted. */
    public static DailyBudgetSettings of(Map<String, Object> config) {
        ConnectorConfig c = new ConnectorConfig(FIELDS, hubValues(config));
        return new DailyBudgetSettings(c.has(BUDGET) ? c.integer(BUDGET) : null, ZoneId.of(c.string(ZONE).trim()));
    }

    /** Every problem with the hub's fields in an instance's config values. */
    public static List<ConfigProblem> problems(Map<String, Object> config) {
        ConnectorConfig c = new ConnectorConfig(FIELDS, hubValues(config));
        List<ConfigProblem> problems = new ArrayList<>(c.validate());
        if (problems.stream().noneMatch(p -> BUDGET.equals(p.field())) && c.has(BUDGET) && c.integer(BUDGET) < 1) {
            problems.add(new ConfigProblem(BUDGET, "must be at least 1 call a day; leave it out for no budget"));
        }
        if (c.has(ZONE)) {
            try {
                ZoneId.of(c.string(ZONE).trim());
            } catch (DateTimeException e) {
                problems.add(new ConfigProblem(ZONE, "is not a time zone; use an IANA id such as Asia/Shanghai"));
            }
        }
        return problems;
    }

    /** The values the plugin gets: the instance's config without the hub's fields. */
    public static Map<String, Object> pluginValues(Map<String, Object> config) {
        Map<String, Object> out = new LinkedHashMap<>(config);
        out.remove(BUDGET);
        out.remove(ZONE);
        return out;
    }

    private static Map<String, Object> hubValues(Map<String, Object> config) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (config.get(BUDGET) != null) {
            out.put(BUDGET, config.get(BUDGET));
        }
        if (config.get(ZONE) != null) {
            out.put(ZONE, config.get(ZONE));
        }
        return out;
    }
}
