package io.kehu.server.export;

import io.kehu.server.lifecycle.LifecycleModel;
import io.kehu.server.lifecycle.ProfileLifecycle;
import io.kehu.server.lifecycle.StoredProfile;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/**
 * The columns of a profile export, with their Chinese and English headers. Several values in one cell (phones,
 * e-mails, sources, tags) are joined with {@code "; "}; times are local to the zone the export asked for.
 */
final class ExportColumns {

    /** How one column reads a profile. */
    record Column(String zh, String en, Function<StoredProfile, String> value) {
    }

    private static final String SEPARATOR = "; ";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final List<Column> columns;
    private final boolean chinese;

    ExportColumns(LifecycleModel model, ZoneId zone, boolean chinese) {
        this.chinese = chinese;
        this.columns = List.of(
                new Column("姓名", "Name", p -> p.profile().name()),
                new Column("手机", "Phones", p -> String.join(SEPARATOR, p.profile().phones())),
                new Column("邮箱", "E-mails", p -> String.join(SEPARATOR, p.profile().emails())),
                new Column("公司", "Company", p -> p.profile().company()),
                new Column("职位", "Title", p -> p.profile().title()),
                new Column("地区", "Region", p -> p.profile().region()),
                new Column("来源", "Sources", p -> String.join(SEPARATOR, p.profile().sources())),
                new Column("标签", "Tags", p -> String.join(SEPARATOR, p.profile().tags())),
                new Column("阶段", "Stage", p -> stage(p.lifecycle(), model)),
                new Column("评级", "Tier", p -> p.lifecycle() == null ? null : p.lifecycle().tier()),
                new Column("综合分", "Score", p -> p.lifecycle() == null ? null : Integer.toString(p.lifecycle().combined())),
                new Column("负责人", "Owner", p -> p.profile().owner()),
                new Column("备注", "Notes", p -> p.profile().notes()),
                new Column("创建时间", "Created", p -> time(p.profile().createdAt(), zone)),
                new Column("最近互动", "Last interaction", p -> time(p.profile().lastInteractionAt(), zone)),
                new Column("档案 ID", "Profile ID", p -> p.profile().id()));
    }

    List<String> header() {
        return columns.stream().map(c -> chinese ? c.zh() : c.en()).toList();
    }

    List<String> row(StoredProfile p) {
        return columns.stream().map(c -> {
            String v = c.value().apply(p);
            return v == null ? "" : v;
        }).toList();
    }

    private String stage(ProfileLifecycle l, LifecycleModel model) {
        if (l == null || l.stage() == null) {
            return null;
        }
        return model.stage(l.stage()).map(s -> chinese ? s.nameZh() : s.nameEn()).orElse(l.stage());
    }

    private static String time(Instant t, ZoneId zone) {
        return t == null ? null : TIME.format(t.atZone(zone));
    }

    /** The stored fields an export never reads: the lifecycle's bulky parts, and what is kept for search only. */
    static final List<String> NOT_READ = List.of("lifecycle.reasons", "lifecycle.signals", "attributes", "identifiers",
            "mergedFrom", "namesPinyin", "namesSimplified", "companiesSimplified");
}
