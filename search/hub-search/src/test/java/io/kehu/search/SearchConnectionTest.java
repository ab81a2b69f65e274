package io.kehu.search;

import io.kehu.api.HubException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchConnectionTest {

    @Test
    void toStringMasksPasswordAndApiKey() {
        var basic = new SearchConnection(List.of(URI.create("https://es1:9200")), "hub", "pa55-w0rd", null, Path.of("ca.pem"), false);
        var apiKey = new SearchConnection(List.of(URI.create("https://es1:9200")), null, null, "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==", null, false);

        assertThat(basic.toString()).doesNotContain("pa55-w0rd").contains("username=hub", "password=****", "ca.pem");
        assertThat(apiKey.toString()).doesNotContain("VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==").contains("apiKey=****");
    }

    @Test
    void refusesCredentialsInTheUriWithoutRepeatingThem() {
        assertThatThrownBy(() -> SearchConnection.of(URI.create("http://elastic:changeme@es1:9200")))
            .isInstanceOf(HubException.class)
            .hasMessageContaining("must not contain credentials")
            .hasMessageNotContaining("changeme");
    }

    @Test
    void refusesHalfOrDoubleAuthentication() {
        List<URI> uris = List.of(URI.create("http://es1:9200"));

        assertThatThrownBy(() -> new SearchConnection(uris, "hub", null, null, null, false))
            .hasMessageContaining("both a username and a password");
        assertThatThrownBy(() -> new SearchConnection(uris, "hub", "secret-pw", "secret-key", null, false))
            .hasMessageContaining("not both").hasMessageNotContaining("secret");
    }

    @Test
    void refusesNoUrisOtherSchemesAndMixedPrefixes() {
        assertThatThrownBy(() -> new SearchConnection(List.of(), null, null, null, null, false)).hasMessageContaining("at least one URI");
        assertThatThrownBy(() -> SearchConnection.of(URI.create("ftp://es1"))).hasMessageContaining("http(s)://host:port");
        assertThatThrownBy(() -> SearchConnection.of(URI.create("http://es1:9200"), URI.create("https://es2:9200")))
            .hasMessageContaining("same scheme and path");
    }

    @Test
    void treatsBlankSecretsAsAbsent() {
        var connection = new SearchConnection(List.of(URI.create("http://es1:9200")), " ", "", "  ", null, false);

        assertThat(connection.usesBasicAuth()).isFalse();
        assertThat(connection.usesApiKey()).isFalse();
    }
}
