package io.kehu.esnode;

/**
 * The JVM system properties Elasticsearch's launcher would pass with {@code -D}.
 *
 * <p>They must be set before log4j and Netty read them, so this runs first in {@code main}. A value given
 * on the command line wins.
 */
final class EsNodeJvm {

    private EsNodeJvm() {}

    static void prepare() {
        // Our shutdown hook closes the node and logs while doing so; log4j must not shut down first.
        setDefault("log4j.shutdownHookEnabled", "false");
        setDefault("log4j2.disable.jmx", "true");
        // From Elasticsearch's jvm.options: Netty's pooled recycler and key-set tweak are not wanted there.
        setDefault("io.netty.noUnsafe", "true");
        setDefault("io.netty.noKeySetOptimization", "true");
        setDefault("io.netty.recycler.maxCapacityPerThread", "0");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
