package io.kehu.server.web;

import io.kehu.search.Documents;
import io.kehu.server.connectors.ConnectorRegistry;
import io.kehu.server.connectors.InstanceStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Open health endpoint: is the hub up, is Elasticsearch reachable, how many connectors run. */
@RestController
public class HealthController {

    private final Documents docs;
    private final ConnectorRegistry connectors;

    public HealthController(Documents docs, ConnectorRegistry connectors) {
        this.docs = docs;
        this.connectors = connectors;
    }

    @GetMapping("/api/v1/health")
    public ResponseEntity<Map<String, Object>> health() {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean es;
        try {
            es = docs.client().ping().value();
        } catch (Exception e) {
            es = false;
        }
        out.put("status", es ? "UP" : "DOWN");
        out.put("elasticsearch", es ? "UP" : "DOWN");
        var list = connectors.list();
        out.put("connectorsRunning", list.stream().filter(i -> "RUNNING".equals(i.state())).count());
        out.put("connectorsFailed", list.stream().filter(i -> "FAILED".equals(i.state())).map(InstanceStatus::id).toList());
        return ResponseEntity.status(es ? 200 : 503).body(out);
    }
}
