package io.kehu.server.web;

import io.kehu.api.spi.ImportReport;
import io.kehu.search.SearchPage;
import io.kehu.server.connectors.NotFoundException;
import io.kehu.server.imports.ImportService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Import status and reports: rows read, imported, merged, rejected with row and reason. */
@RestController
@RequestMapping("/api/v1/imports")
public class ImportController {

    private final ImportService imports;

    public ImportController(ImportService imports) {
        this.imports = imports;
    }

    @GetMapping
    public SearchPage<ImportReport> list(@RequestParam(name = "connector", required = false) String connector,
                                         @RequestParam(name = "from", defaultValue = "0") int from,
                                         @RequestParam(name = "size", defaultValue = "20") int size) {
        return imports.list(connector, from, size);
    }

    @GetMapping("/{id}")
    public ImportReport get(@PathVariable String id) {
        return imports.get(id).orElseThrow(() -> new NotFoundException("No import with id " + id));
    }
}
