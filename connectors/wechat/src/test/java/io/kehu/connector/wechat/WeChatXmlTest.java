package io.kehu.connector.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeChatXmlTest {

    @TempDir
    Path dir;

    @Test
    void readsTheFieldsOfAWeChatMessage() {
        var msg = WeChatXml.parse("<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[fromUser]]></FromUserName>"
                + "<CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[ this is <b>a</b> test ]]></Content>"
                + "<MsgId>1234567890123456</MsgId></xml>");
        assertThat(msg).containsEntry("FromUserName", "fromUser").containsEntry("CreateTime", "1348831860")
                .containsEntry("Content", " this is <b>a</b> test ").containsEntry("MsgId", "1234567890123456");
    }

    @Test
    void refusesExternalEntities() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<xml><Content>&x;</Content></xml>";
        assertThatThrownBy(() -> WeChatXml.parse(xxe)).isInstanceOf(CallbackRefused.class);
    }

    @Test
    void refusesEntityExpansionBombs() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + "<xml><Content>&b;&b;&b;</Content></xml>";
        assertThatThrownBy(() -> WeChatXml.parse(bomb)).isInstanceOf(CallbackRefused.class);
    }

    @Test
    void refusesWhatIsNotXml() {
        assertThatThrownBy(() -> WeChatXml.parse("{\"json\":true}")).isInstanceOf(CallbackRefused.class);
        assertThatThrownBy(() -> WeChatXml.parse("")).isInstanceOf(CallbackRefused.class);
        assertThatThrownBy(() -> WeChatXml.parse("<xml><a></xml>")).isInstanceOf(CallbackRefused.class);
    }
}
