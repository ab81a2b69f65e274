package io.kehu.connector.spreadsheet;

import io.kehu.connector.spreadsheet.ColumnTarget.Kind;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides what each column of a sheet feeds, from its header text: the instance's configured
 * mapping first, then built-in names for common Chinese and English headers, else an attribute
 * under the header text. Headers are compared after normalizing the decoration people add to
 * them: case, full-width characters, {@code *}, colons, spaces and markers such as {@code (必填)}.
 */
final class HeaderMapping {

    private static final Pattern MARKERS = Pattern.compile("\\([^)]*\\)|\\[[^]]*]|【[^】]*】");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-_.*:\\uFEFF\\u200B]+");

    private static final Pattern TRAILING_NUMBER = Pattern.compile("\\d+$");

    private static final Map<String, ColumnTarget> DEFAULTS = new HashMap<>();

    static {
        defaults(ColumnTarget.of(Kind.NAME), "姓名", "名字", "联系人", "客户姓名", "客户名称", "联系人姓名",
                "Name", "Full Name", "Contact", "Contact Name");
        defaults(ColumnTarget.of(Kind.PHONE), "手机", "手机号", "手机号码", "电话", "联系电话", "联系方式", "电话号码", "座机",
                "Mobile", "Phone", "Tel", "Telephone", "Cell", "Mobile Phone", "Phone Number", "Cell Phone");
        defaults(ColumnTarget.of(Kind.EMAIL), "邮箱", "电子邮箱", "邮件", "邮箱地址", "电子邮件",
                "E-mail", "Email", "Mail", "Email Address");
        defaults(ColumnTarget.of(Kind.COMPANY), "公司", "公司名称", "单位", "单位名称", "企业", "企业名称",
                "Company", "Company Name", "Organization", "Organisation", "Account");
        defaults(ColumnTarget.of(Kind.TITLE), "职位", "职务", "Title", "Job Title", "Position");
        defaults(ColumnTarget.of(Kind.REGION), "地区", "省份", "城市", "区域", "所在地", "所在地区",
                "Region", "City", "Province", "Country", "State");
        defaults(ColumnTarget.of(Kind.SOURCE), "来源", "渠道", "客户来源", "Source", "Channel", "Lead Source");
        defaults(ColumnTarget.of(Kind.TAGS), "标签", "Tags", "Tag");
        defaults(ColumnTarget.of(Kind.NOTES), "备注", "说明", "Notes", "Note", "Remark", "Remarks", "Comments", "Comment");
        defaults(ColumnTarget.of(Kind.OWNER), "负责人", "销售", "跟进人", "Owner", "Sales Rep");
        defaults(ColumnTarget.of(Kind.UNIONID), "unionid", "union id");
        // A WeChat ID the person chose is not an API identifier: it cannot link records.
        defaults(ColumnTarget.attribute("wechat"), "微信", "微信号", "WeChat", "WeChat ID");
        defaults(ColumnTarget.of(Kind.DATE), "创建时间", "日期", "时间", "Date", "Created", "Created At", "Create Time");
    }

    private final Map<String, ColumnTarget> overrides = new HashMap<>();

    /**
     * @param configured header text to target name, as given in the instance's {@code mapping}
     * @throws IllegalArgumentException when a target is not valid
     */
    HeaderMapping(Map<String, String> configured) {
        configured.forEach((header, target) -> overrides.put(normalize(header), ColumnTarget.parse(target)));
    }

    private static void defaults(ColumnTarget target, String... headers) {
        for (String h : headers) {
            DEFAULTS.put(normalize(h), target);
        }
    }

    /** The header as it is compared: half-width, lower case, without markers, separators, {@code *} and colons. */
    static String normalize(String header) {
        if (header == null) {
            return "";
        }
        String s = Normalizer.normalize(header, Normalizer.Form.NFKC);
        s = MARKERS.matcher(s).replaceAll("");
        s = SEPARATORS.matcher(s).replaceAll("");
        return s.toLowerCase(Locale.ROOT);
    }

    /** Resolves a header row. Columns without header text become attributes named after their position. */
    Columns resolve(List<String> headers) {
        List<Column> columns = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            String text = headers.get(i) == null ? "" : headers.get(i).strip();
            ColumnTarget target = lookup(normalize(text));
            if (target == null) {
                target = ColumnTarget.attribute(text.isEmpty() ? Columns.unnamed(i) : text);
            }
            columns.add(new Column(i, text, target));
        }
        return new Columns(columns);
    }

    /** The configured target, else the built-in one; numbered headers such as 手机2 or Phone 2 count as their base name. */
    private ColumnTarget lookup(String key) {
        ColumnTarget target = overrides.getOrDefault(key, DEFAULTS.get(key));
        String base = TRAILING_NUMBER.matcher(key).replaceAll("");
        if (target == null && !base.isEmpty() && !base.equals(key)) {
            target = overrides.getOrDefault(base, DEFAULTS.get(base));
        }
        return target;
    }

    /** One column: its 0-based index, its header text and what it feeds. */
    record Column(int index, String header, ColumnTarget target) {
    }

    /** The resolved header row. */
    record Columns(List<Column> all) {

        Columns {
            all = List.copyOf(all);
        }

        static String unnamed(int index) {
            return "column " + (index + 1);
        }

        boolean hasIdentifierColumn() {
            return all.stream().anyMatch(c -> c.target().kind().identifier());
        }

        /** The header texts, for messages that tell a user what was found. */
        String describe() {
            List<String> names = all.stream().map(Column::header).filter(h -> !h.isEmpty()).toList();
            return names.isEmpty() ? "(none)" : String.join(", ", names);
        }
    }
}
