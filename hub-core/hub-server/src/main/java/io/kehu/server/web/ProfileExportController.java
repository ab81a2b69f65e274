package io.kehu.server.web;

import io.kehu.search.ProfileQuery;
import io.kehu.server.export.ProfileExport;
import io.kehu.server.security.ApiKeyFilter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exports the profiles a search matches, every one of them, as CSV or XLSX (导出), for admins. The file streams
 * as it is written; each export is logged with who asked, which filters were set and how many profiles went out.
 */
@RestController
public class ProfileExportController {

    private static final Logger log = LoggerFactory.getLogger(ProfileExportController.class);
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final ProfileExport export;
    private final ProfileQueryParser parser;
    private final Clock clock;

    public ProfileExportController(ProfileExport export, ProfileQueryParser parser, Clock clock) {
        this.export = export;
        this.parser = parser;
        this.clock = clock;
    }

    @GetMapping("/api/v1/profiles/export")
    public void export(@RequestParam(name = "q", required = false) String q,
                       @RequestParam(name = "source", required = false) List<String> sources,
                       @RequestParam(name = "tag", required = false) List<String> tags,
                       @RequestParam(name = "company", required = false) String company,
                       @RequestParam(name = "owner", required = false) String owner,
                       @RequestParam(name = "format", defaultValue = "csv") String format,
                       @RequestParam(name = "lang", defaultValue = "zh") String lang,
                       @RequestParam(name = "zone", defaultValue = "Asia/Shanghai") String zone,
                       @RequestAttribute(ApiKeyFilter.KEY_NAME_ATTRIBUTE) String by,
                       HttpServletResponse response) throws IOException {
        ProfileExport.Format f = ProfileExport.Format.parse(format);
        if (!lang.equals("zh") && !lang.equals("en")) {
            throw new IllegalArgumentException("lang must be zh or en, not " + lang);
        }
        ZoneId z;
        try {
            z = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("zone is not a time zone: " + zone);
        }
        ProfileQuery query = parser.parse(q, sources, tags, company, owner, 0, 1);
        String file = "kehu-profiles-" + FILE_DATE.format(clock.instant().atZone(z)) + "." + f.extension;
        response.setContentType(f.contentType);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        // Written on the request thread, not as an async body: a large export outlasts the async request timeout.
        long rows = export.write(query, f, lang.equals("zh"), z, response.getOutputStream());
        log.info("Profile export by {}: {} profile(s) as {}, filters {}", by, rows, f, filters(q, sources, tags, company, owner));
    }

    /** Which filters were set, never their values: a searched phone or name is personal data. */
    private static List<String> filters(String q, List<String> sources, List<String> tags, String company, String owner) {
        List<String> set = new ArrayList<>();
        if (q != null && !q.isBlank()) {
            set.add("q");
        }
        if (sources != null && !sources.isEmpty()) {
            set.add("source");
        }
        if (tags != null && !tags.isEmpty()) {
            set.add("tag");
        }
        if (company != null && !company.isBlank()) {
            set.add("company");
        }
        if (owner != null && !owner.isBlank()) {
            set.add("owner");
        }
        return set;
    }
}
