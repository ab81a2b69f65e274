package io.kehu.server.web;

import io.kehu.search.AlertDoc;
import io.kehu.search.SearchPage;
import io.kehu.server.alerts.AlertStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Recent alerts with their delivery state per target (names only: no URL, key or secret). */
@RestController
@RequestMapping("/api/v1/alerts")
public class AlertController {

    private final AlertStore alerts;

    public AlertController(AlertStore alerts) {
        this.alerts = alerts;
    }

    @GetMapping
    public SearchPage<AlertDoc> recent(@RequestParam(name = "status", required = false) String status,
                                       @RequestParam(name = "kind", required = false) String kind,
                                       @RequestParam(name = "from", defaultValue = "0") int from,
                                       @RequestParam(name = "size", defaultValue = "20") int size) {
        return alerts.recent(status, kind, Math.max(from, 0), Math.min(Math.max(size, 1), 100));
    }
}
