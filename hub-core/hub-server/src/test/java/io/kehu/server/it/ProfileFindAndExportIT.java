package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import io.kehu.server.ingest.IngestService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sales find Chinese names by their pinyin; admins export the profiles a search matches as CSV or XLSX, and the
 * file holds exactly what the search finds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProfileFindAndExportIT extends HubTestSupport {

    static final Path ROOT = tempRoot("export");

    @Autowired
    IngestService ingest;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        hubProperties(registry, ProfileFindAndExportIT.class, ROOT);
    }

    @BeforeAll
    void profiles() {
        submit("e1", "陈静", "海纳百川, 上海", "+86 139 0013 8001", "Chen.Jing@Export.cn", "展会", List.of("华北", "重点"));
        submit("e2", "=HYPERLINK(\"http://evil.example\",\"点我\")", "坏公司", "13900138002", null, "展会", List.of());
        submit("e3", "Wang Fang", "Acme Ltd", null, "wang.fang@export.cn", "官网", List.of());
        submit("e4", "曾长乐", "长乐科技", "13900138004", null, "官网", List.of());
        submit("e5", "陳美玲", "臺灣貿易有限公司", "+886 912 345 678", null, "官网", List.of());
    }

    @Test
    void traditionalAndSimplifiedCharactersFindEachOther() {
        assertThat(names(enc("陈美玲"))).containsExactly("陳美玲");
        assertThat(names(enc("台湾贸易"))).containsExactly("陳美玲");
        assertThat(names(enc("陳美玲"))).containsExactly("陳美玲");
        assertThat(names(enc("陳靜"))).as("a traditional query finds data in simplified characters").containsExactly("陈静");
        assertThat(names("chenmeiling")).containsExactly("陳美玲");
    }

    @Test
    void salesFindAChineseNameByItsPinyinItsInitialsOrAPrefixOfEither() {
        assertThat(names("chenjing")).containsExactly("陈静");
        assertThat(names("Chen%20Jing")).containsExactly("陈静");
        assertThat(names("chenj")).containsExactly("陈静");
        assertThat(names("cj")).containsExactly("陈静");
        assertThat(names("zengchangle")).containsExactly("曾长乐");
        assertThat(names("zcl")).containsExactly("曾长乐");
        // English names are still found by their words, and a pinyin that is nobody's finds nobody.
        assertThat(names("wang")).containsExactly("Wang Fang");
        assertThat(names("zhaolei")).isEmpty();
    }

    private List<String> names(String q) {
        var r = call(HttpMethod.GET, "/api/v1/profiles?q=" + q, SALES_KEY, null, JsonNode.class);
        assertThat(r.getStatusCode().value()).as(q + " " + r.getBody()).isEqualTo(200);
        JsonNode page = r.getBody();
        List<String> out = new ArrayList<>();
        page.path("items").forEach(i -> out.add(i.path("name").asText()));
        return out;
    }

    @Test
    void csvHasABomChineseHeadersAndOneRowPerMatchingProfileWithFormulasDefused() {
        ResponseEntity<byte[]> r = call(HttpMethod.GET, "/api/v1/profiles/export?source=" + enc("展会"), ADMIN_KEY, null,
                byte[].class);

        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(r.getHeaders().getContentType().toString()).startsWith("text/csv");
        // A plain ASCII name: curl -OJ and every browser save it as it is.
        assertThat(r.getHeaders().getFirst("Content-Disposition")).matches("attachment; filename=\"kehu-profiles-\\d{8}\\.csv\"");
        byte[] body = r.getBody();
        assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
        List<String> lines = List.of(new String(body, 3, body.length - 3, StandardCharsets.UTF_8).split("\r\n"));
        assertThat(lines.get(0)).startsWith("姓名,手机,邮箱,公司,职位,地区,来源,标签,阶段,评级,综合分,负责人,备注,创建时间,最近互动,档案 ID");
        assertThat(lines).hasSize(3);
        String chen = lines.stream().filter(l -> l.startsWith("陈静,")).findFirst().orElseThrow();
        assertThat(chen).startsWith("陈静,+8613900138001,chen.jing@export.cn,\"海纳百川, 上海\",,,展会,华北; 重点,线索,");
        String evil = lines.stream().filter(l -> l.contains("HYPERLINK")).findFirst().orElseThrow();
        assertThat(evil).startsWith("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点我\"\")\",+8613900138002,");
        assertThat(lines).noneMatch(l -> l.contains("Wang Fang"));
    }

    @Test
    void xlsxInEnglishHoldsTheSearchedProfileAsTextCells() throws IOException {
        ResponseEntity<byte[]> r = call(HttpMethod.GET, "/api/v1/profiles/export?format=xlsx&lang=en&q=" + enc("Wang Fang"),
                ADMIN_KEY, null, byte[].class);

        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(r.getHeaders().getContentDisposition().getFilename()).endsWith(".xlsx");
        List<List<String>> rows = new ArrayList<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(r.getBody()))) {
            try (var stream = wb.getFirstSheet().openStream()) {
                stream.forEach((Row row) -> rows.add(row.stream().map(c -> c == null ? "" : c.getRawValue()).toList()));
            }
        }
        assertThat(rows.get(0)).startsWith("Name", "Phones", "E-mails", "Company");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).startsWith("Wang Fang", "", "wang.fang@export.cn", "Acme Ltd");
        assertThat(rows.get(1).get(8)).isEqualTo("Lead");
    }

    @Test
    void anExportLongerThanOnePageHoldsEveryMatchingProfileOnce() {
        List<SourceRecord> records = new ArrayList<>();
        for (int i = 0; i < 1_100; i++) {
            Lead lead = new Lead("批量" + i, "批量公司", null, null, List.of(Identifier.email("bulk" + i + "@export.cn")),
                    "批量导入", List.of(), null, null, Map.of(), null);
            records.add(new SourceRecord("bulk:" + i, "1", lead, null));
        }
        for (int from = 0; from < records.size(); from += 500) {
            ingest.submit("export-test", records.subList(from, Math.min(from + 500, records.size())));
        }

        byte[] body = call(HttpMethod.GET, "/api/v1/profiles/export?source=" + enc("批量导入"), ADMIN_KEY, null,
                byte[].class).getBody();
        List<String> rows = List.of(new String(body, 3, body.length - 3, StandardCharsets.UTF_8).split("\r\n"));
        assertThat(rows).hasSize(1 + 1_100);
        assertThat(rows.stream().skip(1).map(r -> r.substring(0, r.indexOf(','))).distinct()).hasSize(1_100);
    }

    @Test
    void onlyAdminsExportAndABadFormatIsAProblem() {
        assertThat(call(HttpMethod.GET, "/api/v1/profiles/export", SALES_KEY, null, String.class).getStatusCode().value())
                .isEqualTo(403);
        assertThat(call(HttpMethod.GET, "/api/v1/profiles/export", null, null, String.class).getStatusCode().value())
                .isEqualTo(401);
        ResponseEntity<String> bad = call(HttpMethod.GET, "/api/v1/profiles/export?format=pdf", ADMIN_KEY, null, String.class);
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(bad.getBody()).contains("format must be csv or xlsx");
    }

    private void submit(String key, String name, String company, String phone, String email, String source,
                        List<String> tags) {
        List<Identifier> ids = new ArrayList<>();
        if (phone != null) {
            ids.add(Identifier.phone(phone));
        }
        if (email != null) {
            ids.add(Identifier.email(email));
        }
        Lead lead = new Lead(name, company, null, null, ids, source, tags, null, null, Map.of(), null);
        ingest.submit("export-test", List.of(new SourceRecord("export:" + key, "1", lead, null)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
