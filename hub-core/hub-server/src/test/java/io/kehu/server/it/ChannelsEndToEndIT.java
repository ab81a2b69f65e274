package io.kehu.server.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One person reaches the team through three channels: a WeCom customer-contact callback (the
 * WeCom API on WireMock), a 金数据 form push, and an e-mail on a real IMAP server (GreenMail).
 * The hub must show one profile with all three touch points on its timeline.
 */
class ChannelsEndToEndIT extends HubTestSupport {

    static final Path ROOT = tempRoot("channels");
    static final String CORP_ID = "wwe2e00000000001";
    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String CALLBACK_TOKEN = "e2eCallbackToken";
    static final String EXTERNAL_USER = "wmE2EAAAXtWyujaWJHDDGi0mAAAA";
    static final String FORM_TOKEN = "form-token-0123456789";

    static final WireMockServer WECOM = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static final GreenMail MAIL = new GreenMail(com.icegreen.greenmail.util.ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) throws IOException {
        hubProperties(registry, ChannelsEndToEndIT.class, ROOT);
        TestPlugins.copyFirstParty(ROOT.resolve("plugins"));
        WECOM.start();
        MAIL.start();
        MAIL.setUser("sales@kehu-demo.cn", "sales", "imap-pass-1");
        WECOM.stubFor(get(urlPathEqualTo("/cgi-bin/gettoken")).withQueryParam("corpid", equalTo(CORP_ID))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"E2E-TOKEN\",\"expires_in\":7200}")));
        WECOM.stubFor(get(urlPathEqualTo("/cgi-bin/externalcontact/get")).withQueryParam("external_userid", equalTo(EXTERNAL_USER))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"errcode":0,"errmsg":"ok",
                         "external_contact":{"external_userid":"%s","name":"林晓","position":"采购经理","type":1,"gender":2,
                                             "corp_name":"华信","corp_full_name":"华信科技有限公司"},
                         "follow_user":[{"userid":"zhangsan","remark":"林经理","description":"展会上加的微信，关注 MES",
                                         "createtime":1763600000,"tags":[],"remark_mobiles":["139 1234 5601"],
                                         "oper_userid":"zhangsan","add_way":1}],
                         "next_cursor":""}
                        """.formatted(EXTERNAL_USER))));
    }

    @AfterAll
    static void stopServers() {
        WECOM.stop();
        MAIL.stop();
    }

    @Test
    void onePersonThroughWeComAFormAndAnEmailIsOneProfileWithThreeInteractions() throws Exception {
        create(Map.of("id", "wecom-e2e", "type", "wecom", "config", Map.of("corpId", CORP_ID, "secret", "e2e-secret",
                "pollInterval", "0", "callbackToken", CALLBACK_TOKEN, "encodingAesKey", AES_KEY,
                "baseUrl", "http://localhost:" + WECOM.port())));
        create(Map.of("id", "form-e2e", "type", "webform", "config", Map.of("preset", "jinshuju", "secret", FORM_TOKEN)));
        create(Map.of("id", "mail-e2e", "type", "email", "config", Map.of("host", "localhost",
                "port", String.valueOf(MAIL.getImap().getPort()), "protocol", "imap", "username", "sales",
                "password", "imap-pass-1", "pollInterval", "1s")));

        // 1. WeCom: a member adds the customer; WeCom calls back, the hub fetches the contact.
        String event = """
                <xml><ToUserName><![CDATA[%s]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>
                <CreateTime>%d</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event>
                <ChangeType><![CDATA[add_external_contact]]></ChangeType><UserID><![CDATA[zhangsan]]></UserID>
                <ExternalUserID><![CDATA[%s]]></ExternalUserID><WelcomeCode><![CDATA[W1]]></WelcomeCode></xml>
                """.formatted(CORP_ID, System.currentTimeMillis() / 1000, EXTERNAL_USER);
        String encrypted = WeChatCallbacks.encrypt(AES_KEY, CORP_ID, event);
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String signature = WeChatCallbacks.signature(CALLBACK_TOKEN, timestamp, "n0nce", encrypted);
        ResponseEntity<String> wecom = post("/hooks/wecom-e2e?msg_signature=" + signature + "&timestamp=" + timestamp
                + "&nonce=n0nce", MediaType.TEXT_XML, "<xml><ToUserName><![CDATA[" + CORP_ID + "]]></ToUserName><Encrypt><![CDATA["
                + encrypted + "]]></Encrypt><AgentID><![CDATA[]]></AgentID></xml>");
        assertThat(wecom.getStatusCode().value()).as(wecom.getBody()).isEqualTo(200);
        assertThat(wecom.getBody()).isEqualTo("success");

        // 2. 金数据: she books a demo on the website, with her phone and e-mail.
        ResponseEntity<String> form = post("/hooks/form-e2e?token=" + FORM_TOKEN, MediaType.APPLICATION_JSON, """
                {"form":"Xk3p9Q","form_name":"MES 演示预约","entry":{"serial_number":7,"field_1":"林晓",
                 "field_2":"13912345601","field_3":"lin.xiao@huaxin-tech.cn","created_at":"2026-11-20T08:00:00.000Z"}}
                """);
        assertThat(form.getStatusCode().value()).as(form.getBody()).isEqualTo(200);

        // 3. E-mail: she writes to sales from the same address.
        MimeMessage mail = new MimeMessage(MAIL.getImap().createSession());
        mail.setFrom(new InternetAddress("lin.xiao@huaxin-tech.cn", "林晓", "UTF-8"));
        mail.setRecipients(Message.RecipientType.TO, "sales@kehu-demo.cn");
        mail.setSubject("询价：MES 系统报价", "UTF-8");
        mail.setText("您好，请发一份 MES 系统的报价，谢谢。\n-- \n林晓 华信科技", "UTF-8");
        mail.saveChanges();
        MAIL.getUserManager().getUser("sales").deliver(mail);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode hits = call(HttpMethod.GET, "/api/v1/profiles?q=13912345601", SALES_KEY, null, JsonNode.class).getBody();
            assertThat(hits.path("total").asLong()).isEqualTo(1);
            String id = hits.path("items").get(0).path("id").asText();
            JsonNode profile = call(HttpMethod.GET, "/api/v1/profiles/" + id, SALES_KEY, null, JsonNode.class).getBody();
            // Her three touches engaged her: the stage change is on her timeline too (channel lifecycle).
            assertThat(profile.path("timeline").findValuesAsText("channel")).filteredOn(c -> !c.equals("lifecycle"))
                    .containsExactlyInAnyOrder("wecom", "webform", "email");
            assertThat(profile.path("lifecycle").path("stage").path("id").asText()).isEqualTo("engaged");
            assertThat(profile.path("timeline").findValuesAsText("type")).contains("stage-change");
        });
        JsonNode all = call(HttpMethod.GET, "/api/v1/profiles?size=50", SALES_KEY, null, JsonNode.class).getBody();
        assertThat(all.path("total").asLong()).isEqualTo(1);
        JsonNode p = all.path("items").get(0);
        assertThat(p.path("name").asText()).isEqualTo("林晓");
        assertThat(p.path("emails").toString()).contains("lin.xiao@huaxin-tech.cn");
        assertThat(p.path("identifiers").toString()).contains("wecom:" + CORP_ID + "/" + EXTERNAL_USER);
    }

    private void create(Map<String, Object> body) {
        ResponseEntity<String> r = call(HttpMethod.POST, "/api/v1/connectors", INTEGRATOR_KEY, body, String.class);
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(201);
        assertThat(r.getBody()).contains("RUNNING");
    }

    private ResponseEntity<String> post(String path, MediaType type, String body) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(new MediaType(type, StandardCharsets.UTF_8));
        return rest.exchange(java.net.URI.create(rest.getRootUri() + path), HttpMethod.POST,
                new HttpEntity<>(body.getBytes(StandardCharsets.UTF_8), h), String.class);
    }
}
