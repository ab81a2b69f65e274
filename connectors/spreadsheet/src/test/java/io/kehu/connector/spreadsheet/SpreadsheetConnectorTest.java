package io.kehu.connector.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.spi.ConfigField;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.ConnectorDescriptor;
import io.kehu.api.spi.ConnectorKind;
import io.kehu.api.spi.FieldType;
import io.kehu.api.testing.TestSourceContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpreadsheetConnectorTest {

    @TempDir
    Path dir;

    private final SpreadsheetConnector connector = new SpreadsheetConnector();

    private static ConnectorConfig config(Map<String, ?> values) {
        return new ConnectorConfig(SpreadsheetConfig.FIELDS, values);
    }

    private List<ConfigProblem> problems(Map<String, ?> values) {
        ConnectorConfig c = config(values);
        List<ConfigProblem> all = new java.util.ArrayList<>(c.validate());
        all.addAll(connector.validate(c));
        return all;
    }

    @Test
    void describesItselfWithTypedDocumentedFields() {
        ConnectorDescriptor d = connector.descriptor();

        assertThat(d.type()).isEqualTo("spreadsheet");
        assertThat(d.name()).isEqualTo("Spreadsheets");
        assertThat(d.nameZh()).isEqualTo("表格导入");
        assertThat(d.kind()).isEqualTo(ConnectorKind.SOURCE);
        assertThat(d.fields()).extracting(ConfigField::key).containsExactly(
                "inbox", "processedDir", "failedDir", "pollInterval", "encoding", "delimiter", "sheet", "headerRow", "mapping", "source", "timeZone");
        assertThat(d.fields()).allSatisfy(f -> {
            assertThat(f.description()).isNotBlank();
            assertThat(f.secret()).isFalse();
        });
        Map<String, ConfigField> byKey = new HashMap<>();
        d.fields().forEach(f -> byKey.put(f.key(), f));
        assertThat(byKey.get("inbox").type()).isEqualTo(FieldType.PATH);
        assertThat(byKey.get("pollInterval").defaultValue()).isEqualTo("10s");
        assertThat(byKey.get("encoding").allowedValues()).containsExactly("auto", "UTF-8", "GBK", "GB18030");
        assertThat(byKey.get("delimiter").allowedValues()).containsExactly("auto", ",", ";", "tab", "|");
        assertThat(byKey.get("headerRow").type()).isEqualTo(FieldType.INTEGER);
        assertThat(byKey.get("mapping").type()).isEqualTo(FieldType.MAP);
    }

    @Test
    void acceptsTheDefaults() {
        assertThat(problems(Map.of())).isEmpty();
    }

    @Test
    void reportsConfigurationMistakesByField() {
        Path inbox = dir.resolve("in");
        List<ConfigProblem> problems = problems(Map.of(
                "encoding", "latin1",
                "headerRow", "0",
                "timeZone", "Beijing",
                "mapping", Map.of("手机", "mobile"),
                "inbox", inbox.toString(),
                "processedDir", inbox.toString()));

        assertThat(problems).extracting(ConfigProblem::field)
                .containsExactlyInAnyOrder("encoding", "headerRow", "timeZone", "mapping", "processedDir");
        assertThat(problems).filteredOn(p -> p.field().equals("mapping")).first()
                .extracting(ConfigProblem::message).asString().contains("header '手机'").contains("unknown target 'mobile'");
    }

    @Test
    void startsWithFoldersInTheWorkFolderByDefault() {
        TestSourceContext ctx = new TestSourceContext("sheets", SpreadsheetConfig.FIELDS, Map.of()).workDir(dir.resolve("work")).batchSize(10);

        connector.start(ctx).close();

        Path inbox = dir.resolve("work").resolve("inbox");
        assertThat(inbox.resolve(".processed")).isDirectory();
        assertThat(inbox.resolve(".failed")).isDirectory();
        assertThat(ctx.routes).hasSize(1);
    }

    @Test
    void checksThatTheInboxCanBeUsed() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");

        assertThat(connector.check(config(Map.of("inbox", dir.toString()))).ok()).isTrue();
        assertThat(connector.check(config(Map.of("inbox", dir.resolve("new").toString()))).ok()).isTrue();
        assertThat(connector.check(config(Map.of("inbox", file.toString()))).ok()).isFalse();
        assertThat(connector.check(config(Map.of())).ok()).isTrue();
    }
}
