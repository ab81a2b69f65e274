package io.kehu.esnode;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command line of {@link EsNodeMain}.
 *
 * @param home        {@code path.home}: where Elasticsearch looks for {@code config/elasticsearch.yml} (optional file)
 * @param data        {@code path.data}: the indices, the node lock and our {@code http.url} file
 * @param httpPort    the HTTP port; 0 binds any free port
 * @param clusterName {@code cluster.name}
 * @param nodeName    {@code node.name}
 * @param watchStdin  exit when standard input reaches end of file, i.e. when the parent process is gone
 * @param settings    further node settings given as {@code -E key=value}; they override ours
 */
public record EsNodeOptions(
    Path home,
    Path data,
    int httpPort,
    String clusterName,
    String nodeName,
    boolean watchStdin,
    Map<String, String> settings
) {

    /** What {@code --help} and every argument error print. */
    public static final String USAGE = """
        usage: java -cp 'lib/*' io.kehu.esnode.EsNodeMain --data <dir> [options]
          --data <dir>            path.data; also receives http.url once the node is ready (required)
          --home <dir>            path.home (default: the data dir)
          --http-port <port>      HTTP port, 0 = any free port (default 0)
          --cluster-name <name>   cluster.name (default kehu-hub)
          --node-name <name>      node.name (default kehu-es)
          --no-stdin-watch        keep running when stdin reaches EOF (default: exit, so the node dies with its parent)
          -E <key>=<value>        any other node setting, may repeat""";

    public EsNodeOptions {
        settings = Map.copyOf(settings);
    }

    /**
     * Parses the command line.
     *
     * @throws IllegalArgumentException with a message fit for the user when an argument is missing or wrong
     */
    public static EsNodeOptions parse(String... args) {
        Path home = null;
        Path data = null;
        int httpPort = 0;
        String clusterName = "kehu-hub";
        String nodeName = "kehu-es";
        boolean watchStdin = true;
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--home" -> home = Path.of(value(args, ++i, arg));
                case "--data" -> data = Path.of(value(args, ++i, arg));
                case "--http-port" -> httpPort = port(value(args, ++i, arg));
                case "--cluster-name" -> clusterName = value(args, ++i, arg);
                case "--node-name" -> nodeName = value(args, ++i, arg);
                case "--no-stdin-watch" -> watchStdin = false;
                case "-E" -> putSetting(settings, value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown argument [" + arg + "]");
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("--data is required");
        }
        data = data.toAbsolutePath().normalize();
        home = home == null ? data : home.toAbsolutePath().normalize();
        return new EsNodeOptions(home, data, httpPort, clusterName, nodeName, watchStdin, settings);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].isBlank()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the value the user gave
        }
        throw new IllegalArgumentException("--http-port must be a number from 0 to 65535, not [" + text + "]");
    }

    private static void putSetting(Map<String, String> settings, String keyValue) {
        int eq = keyValue.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("-E needs key=value, not [" + keyValue + "]");
        }
        settings.put(keyValue.substring(0, eq), keyValue.substring(eq + 1));
    }
}
