package io.kehu.esnode;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EsNodeOptionsTest {

    @Test
    void defaultsHomeToDataAndBindsAnyFreePort() {
        EsNodeOptions options = EsNodeOptions.parse("--data", "build/es");

        assertEquals(Path.of("build/es").toAbsolutePath().normalize(), options.data());
        assertEquals(options.data(), options.home());
        assertEquals(0, options.httpPort());
        assertEquals("kehu-hub", options.clusterName());
        assertTrue(options.watchStdin());
    }

    @Test
    void readsEveryOptionAndExtraSettings() {
        EsNodeOptions options = EsNodeOptions.parse(
            "--data", "/srv/es/data", "--home", "/srv/es", "--http-port", "9200", "--cluster-name", "prod",
            "--node-name", "n1", "--no-stdin-watch", "-E", "indices.query.bool.max_clause_count=2048", "-E", "a.b=x=y");

        assertEquals(Path.of("/srv/es"), options.home());
        assertEquals(9200, options.httpPort());
        assertEquals("prod", options.clusterName());
        assertEquals("n1", options.nodeName());
        assertFalse(options.watchStdin());
        assertEquals(Map.of("indices.query.bool.max_clause_count", "2048", "a.b", "x=y"), options.settings());
    }

    @Test
    void rejectsMissingDataPathAndBadPort() {
        assertEquals("--data is required", assertThrows(IllegalArgumentException.class, EsNodeOptions::parse).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EsNodeOptions.parse("--data", "d", "--http-port", "70000"))
            .getMessage().contains("[70000]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EsNodeOptions.parse("--data", "d", "-E", "novalue"))
            .getMessage().contains("key=value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EsNodeOptions.parse("--data"))
            .getMessage().contains("needs a value"));
    }
}
