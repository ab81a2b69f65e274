package io.kehu.search.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EsNodeLocatorTest {

    private static final String ADVICE = ": build with ./mvnw package, or set hub.search.uris to use an external cluster";

    @TempDir
    Path tmp;

    @Test
    void namesEveryFolderTriedAndWhatToDoWhenNoneHoldsTheJars() {
        Path jarFolder = tmp.resolve("opt/kehu");

        assertThatThrownBy(() -> EsNodeLocator.locate(null, null, tmp, List.of(jarFolder)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("Embedded Elasticsearch jars not found in "
                + tmp.resolve("search/es-node/target/lib") + " (source checkout), "
                + jarFolder.resolve("es-node-lib") + " (next to the hub jar)" + ADVICE);
    }

    @Test
    void anExplicitFolderIsTheOnlyOneLookedAt() throws IOException {
        withNodeJar(tmp.resolve("search/es-node/target/lib"));
        Path configured = Files.createDirectories(tmp.resolve("empty"));

        assertThatThrownBy(() -> EsNodeLocator.locate(configured.toString(), null, tmp, List.of()))
            .hasMessage("Embedded Elasticsearch jars not found in " + configured + " (system property es.node.lib)" + ADVICE);
        assertThatThrownBy(() -> EsNodeLocator.locate(null, configured.toString(), tmp, List.of()))
            .hasMessage("Embedded Elasticsearch jars not found in " + configured + " (environment variable KEHU_ES_NODE_LIB)" + ADVICE);
    }

    @Test
    void prefersThePropertyThenTheEnvironmentThenTheCheckoutThenTheJarFolder() throws IOException {
        Path property = withNodeJar(tmp.resolve("property"));
        Path environment = withNodeJar(tmp.resolve("environment"));
        Path jarFolder = tmp.resolve("opt/kehu");
        Path nextToJar = withNodeJar(jarFolder.resolve("es-node-lib"));

        assertThat(EsNodeLocator.locate(property.toString(), environment.toString(), tmp, List.of())).isEqualTo(property);
        assertThat(EsNodeLocator.locate(" ", environment.toString(), tmp, List.of())).isEqualTo(environment);
        assertThat(EsNodeLocator.locate(null, null, tmp, List.of(jarFolder))).isEqualTo(nextToJar);

        Path checkout = withNodeJar(tmp.resolve("search/es-node/target/lib"));
        assertThat(EsNodeLocator.locate(null, null, tmp, List.of(jarFolder))).isEqualTo(checkout);
    }

    @Test
    void aFolderWithoutTheNodeJarDoesNotCount() throws IOException {
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        Files.createFile(lib.resolve("elasticsearch-8.19.21.jar"));

        assertThatThrownBy(() -> EsNodeLocator.locate(lib.toString(), null, tmp, List.of())).isInstanceOf(IllegalStateException.class);
    }

    private static Path withNodeJar(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.createFile(folder.resolve("es-node-0.1.0-SNAPSHOT.jar"));
        return folder;
    }
}
