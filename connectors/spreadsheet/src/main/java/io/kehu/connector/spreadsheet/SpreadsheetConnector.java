package io.kehu.connector.spreadsheet;

import io.kehu.api.HubException;
import io.kehu.api.spi.CheckResult;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.ConnectorDescriptor;
import io.kehu.api.spi.ConnectorKind;
import io.kehu.api.spi.SourceConnector;
import io.kehu.api.spi.SourceContext;
import io.kehu.api.spi.SourceTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.pf4j.Extension;

/** Imports leads from CSV and XLSX files dropped into an inbox folder or uploaded through the hub. */
@Extension
public class SpreadsheetConnector implements SourceConnector {

    public static final String TYPE = "spreadsheet";

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(
            TYPE,
            "Spreadsheets",
            "表格导入",
            "Imports leads from CSV (UTF-8, UTF-16, GBK, GB18030) and XLSX files dropped into an inbox folder "
                    + "or uploaded; Chinese and English column headers are recognised.",
            ConnectorKind.SOURCE,
            SpreadsheetConfig.FIELDS);

    private final Clock clock;

    public SpreadsheetConnector() {
        this(Clock.systemUTC());
    }

    SpreadsheetConnector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(ConnectorConfig config) {
        return SpreadsheetConfig.validate(config);
    }

    @Override
    public CheckResult check(ConnectorConfig config) {
        if (!config.has(SpreadsheetConfig.INBOX)) {
            return CheckResult.ok("The inbox will be the folder 'inbox' in the instance's work folder");
        }
        Path inbox = config.path(SpreadsheetConfig.INBOX).toAbsolutePath();
        if (!Files.exists(inbox)) {
            Path parent = inbox.getParent();
            return parent != null && Files.isWritable(parent)
                    ? CheckResult.ok("The inbox " + inbox + " will be created")
                    : CheckResult.failed("The inbox " + inbox + " does not exist and cannot be created");
        }
        if (!Files.isDirectory(inbox)) {
            return CheckResult.failed("The inbox " + inbox + " is not a folder");
        }
        if (!Files.isReadable(inbox) || !Files.isWritable(inbox)) {
            return CheckResult.failed("The hub cannot read and move files in the inbox " + inbox);
        }
        return CheckResult.ok("The inbox " + inbox + " is readable and writable");
    }

    @Override
    public SourceTask start(SourceContext context) {
        SpreadsheetConfig config = new SpreadsheetConfig(context.config(), context.workDir());
        for (Path folder : List.of(config.inbox(), config.processedDir(), config.failedDir())) {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new HubException(HubException.Kind.CONFIGURATION, "Cannot create the folder " + folder, e);
            }
        }
        SpreadsheetImporter importer = new SpreadsheetImporter(config, context.imports(), context.ingest(), context.metrics(), clock);
        SpreadsheetTask task = new SpreadsheetTask(context, config, importer, clock);
        task.start();
        return task;
    }
}
