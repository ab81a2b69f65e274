package io.kehu.search;

import io.kehu.api.HubException;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where the hub's Elasticsearch cluster is and how to log in to it.
 *
 * <p>At most one way to authenticate: {@code username}/{@code password} (HTTP basic) or an {@code apiKey}
 * (the base64 "encoded" form Kibana shows). {@link #toString()} masks both, so a connection can be logged.
 *
 * @param uris             one or more node URIs, e.g. {@code https://es1:9200}; all with the same scheme and path
 * @param username         user for basic authentication, or null
 * @param password         password for basic authentication, or null
 * @param apiKey           encoded API key, sent as {@code Authorization: ApiKey <key>}, or null
 * @param caCertificate    PEM file with the CA certificate(s) to trust for https, or null for the JVM's defaults
 * @param insecureTrustAll trust any certificate and host name: for a local test cluster only
 */
public record SearchConnection(
    List<URI> uris,
    String username,
    String password,
    String apiKey,
    Path caCertificate,
    boolean insecureTrustAll
) {

    public SearchConnection {
        if (uris == null || uris.isEmpty()) {
            throw HubException.configuration("Elasticsearch needs at least one URI (hub.search.uris)");
        }
        uris = List.copyOf(uris);
        for (URI uri : uris) {
            checkUri(uri);
        }
        username = blankToNull(username);
        password = blankToNull(password);
        apiKey = blankToNull(apiKey);
        if ((username == null) != (password == null)) {
            throw HubException.configuration("Elasticsearch basic authentication needs both a username and a password");
        }
        if (username != null && apiKey != null) {
            throw HubException.configuration("Elasticsearch takes either a username/password or an API key, not both");
        }
        if (uris.stream().map(SearchConnection::schemeAndPath).distinct().count() > 1) {
            throw HubException.configuration("All Elasticsearch URIs need the same scheme and path: " + uris);
        }
    }

    /** A connection without authentication or TLS settings, e.g. to the embedded node. */
    public static SearchConnection of(URI... uris) {
        return new SearchConnection(List.of(uris), null, null, null, null, false);
    }

    public boolean usesBasicAuth() {
        return username != null;
    }

    public boolean usesApiKey() {
        return apiKey != null;
    }

    /** Masks the password and the API key: this string ends up in logs and error messages. */
    @Override
    public String toString() {
        return "SearchConnection[uris=" + uris
            + ", username=" + username
            + ", password=" + mask(password)
            + ", apiKey=" + mask(apiKey)
            + ", caCertificate=" + caCertificate
            + ", insecureTrustAll=" + insecureTrustAll + "]";
    }

    private static void checkUri(URI uri) {
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
            // The URI is not echoed: a malformed one may still carry credentials.
            throw HubException.configuration("Elasticsearch URIs must look like http(s)://host:port");
        }
        if (uri.getRawUserInfo() != null) {
            throw HubException.configuration(
                "Elasticsearch URI " + uri.getScheme() + "://" + uri.getHost() + " must not contain credentials: "
                    + "set the username and password (or API key) separately");
        }
    }

    private static String schemeAndPath(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + pathPrefix(uri);
    }

    /** The URI's path without a trailing slash, "" when there is none. */
    static String pathPrefix(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String mask(String secret) {
        return secret == null ? "null" : "****";
    }
}
