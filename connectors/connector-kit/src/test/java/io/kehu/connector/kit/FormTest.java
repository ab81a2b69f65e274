package io.kehu.connector.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormTest {

    @Test
    void encodesReservedCharactersKeepsOrderAndLeavesOutMissingValues() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "password");
        params.put("client_secret", null);
        params.put("password", "p&ss=w rd+Tok/");
        params.put("名", "张三");

        assertThat(Form.encode(params))
                .isEqualTo("grant_type=password&password=p%26ss%3Dw+rd%2BTok%2F&%E5%90%8D=%E5%BC%A0%E4%B8%89");
    }

    @Test
    void anEmptyMapIsAnEmptyForm() {
        assertThat(Form.encode(Map.of())).isEmpty();
    }

    @Test
    void memoryStateKeepsWhatWasPutUntilDeleted() {
        MemoryStateStore state = new MemoryStateStore();
        state.put("k", "v");
        assertThat(state.get("k")).contains("v");
        state.delete("k");
        assertThat(state.get("k")).isEmpty();
    }
}
