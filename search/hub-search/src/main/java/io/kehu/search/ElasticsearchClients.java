package io.kehu.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kehu.api.HubException;
import org.apache.http.Header;
import org.apache.http.HttpHeaders;
import org.apache.http.HttpHost;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collection;

/**
 * Builds the Elasticsearch Java client the hub uses, from a {@link SearchConnection}.
 *
 * <p>One low-level {@code RestClient} over all URIs (it round-robins and skips dead nodes), the credentials
 * as a default {@code Authorization} header (basic or ApiKey), and TLS that trusts either the JVM's CAs, the
 * CA certificates of a PEM file, or, for local test clusters only, anything. Messages and logs name the
 * connection through {@link SearchConnection#toString()}, which masks the secrets.
 */
public final class ElasticsearchClients {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchClients.class);

    private ElasticsearchClients() {}

    /**
     * Creates a client; close it to release its connections.
     *
     * @param connection where and how to connect
     * @param mapper     the hub's mapper; it is copied, then given Java time support with ISO-8601 dates
     */
    public static ElasticsearchClient create(SearchConnection connection, ObjectMapper mapper) {
        RestClientBuilder builder = RestClient.builder(connection.uris().stream().map(ElasticsearchClients::host).toArray(HttpHost[]::new));
        String pathPrefix = SearchConnection.pathPrefix(connection.uris().get(0));
        if (!pathPrefix.isEmpty()) {
            builder.setPathPrefix(pathPrefix);
        }
        Header authorization = authorization(connection);
        if (authorization != null) {
            // Sent with every request rather than after a 401 challenge: API keys have no challenge.
            builder.setDefaultHeaders(new Header[] {authorization});
        }
        if (connection.insecureTrustAll()) {
            log.warn("Elasticsearch TLS certificates and host names are NOT verified for {}: use this for local tests only",
                connection.uris());
            SSLContext trustAll = trustAllContext();
            builder.setHttpClientConfigCallback(http -> http.setSSLContext(trustAll).setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE));
        } else if (connection.caCertificate() != null) {
            SSLContext trustCa = caContext(connection.caCertificate());
            builder.setHttpClientConfigCallback(http -> http.setSSLContext(trustCa));
        }
        ObjectMapper jsonMapper = mapper.copy()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // A document may carry fields a reader does not model (a profile's lifecycle, read as a plain
            // Profile; fields a newer hub added): they are skipped, not an error.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        RestClientTransport transport = new RestClientTransport(builder.build(), new JacksonJsonpMapper(jsonMapper));
        log.info("Elasticsearch client for {}", connection);
        return new ElasticsearchClient(transport);
    }

    private static HttpHost host(URI uri) {
        return new HttpHost(uri.getHost(), uri.getPort(), uri.getScheme());
    }

    private static Header authorization(SearchConnection connection) {
        if (connection.usesBasicAuth()) {
            String userPass = connection.username() + ":" + connection.password();
            return new BasicHeader(HttpHeaders.AUTHORIZATION,
                "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8)));
        }
        if (connection.usesApiKey()) {
            return new BasicHeader(HttpHeaders.AUTHORIZATION, "ApiKey " + connection.apiKey());
        }
        return null;
    }

    /** Trusts exactly the certificates in a PEM file (one or more, e.g. a CA chain). */
    static SSLContext caContext(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw HubException.configuration("No certificate found in the Elasticsearch CA file " + pemFile);
            }
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trustStore.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new HubException(HubException.Kind.CONFIGURATION,
                "Cannot read the Elasticsearch CA certificate " + pemFile + ": " + e.getMessage(), e);
        }
    }

    private static SSLContext trustAllContext() {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // trusting everything is the point of insecureTrustAll
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // trusting everything is the point of insecureTrustAll
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JVM offers no TLS context", e);
        }
    }
}
