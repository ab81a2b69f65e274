package io.kehu.connector.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kehu.connector.spreadsheet.ColumnTarget.Kind;
import io.kehu.connector.spreadsheet.HeaderMapping.Column;
import io.kehu.connector.spreadsheet.HeaderMapping.Columns;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderMappingTest {

    private static List<ColumnTarget> targets(HeaderMapping m, String... headers) {
        return m.resolve(List.of(headers)).all().stream().map(Column::target).toList();
    }

    @Test
    void recognisesCommonChineseHeaders() {
        assertThat(targets(new HeaderMapping(Map.of()), "姓名", "手机号码", "电子邮箱", "公司名称", "职务", "省份", "渠道", "标签", "备注", "跟进人", "创建时间"))
                .extracting(ColumnTarget::kind)
                .containsExactly(Kind.NAME, Kind.PHONE, Kind.EMAIL, Kind.COMPANY, Kind.TITLE, Kind.REGION, Kind.SOURCE,
                        Kind.TAGS, Kind.NOTES, Kind.OWNER, Kind.DATE);
    }

    @Test
    void recognisesCommonEnglishHeadersWhateverTheirCase() {
        assertThat(targets(new HeaderMapping(Map.of()), "Full Name", "MOBILE", "e-mail", "Organization", "Job Title", "City",
                "Lead Source", "tags", "Remarks", "Sales Rep", "UnionID", "Created At"))
                .extracting(ColumnTarget::kind)
                .containsExactly(Kind.NAME, Kind.PHONE, Kind.EMAIL, Kind.COMPANY, Kind.TITLE, Kind.REGION, Kind.SOURCE,
                        Kind.TAGS, Kind.NOTES, Kind.OWNER, Kind.UNIONID, Kind.DATE);
    }

    @Test
    void ignoresTheDecorationPeoplePutOnHeaders() {
        assertThat(targets(new HeaderMapping(Map.of()), " *手机号码（必填）", "邮箱：", "姓名(选填)", "ＥＭＡＩＬ", "Phone [work]"))
                .extracting(ColumnTarget::kind)
                .containsExactly(Kind.PHONE, Kind.EMAIL, Kind.NAME, Kind.EMAIL, Kind.PHONE);
    }

    @Test
    void readsNumberedHeadersAsTheirBaseName() {
        assertThat(targets(new HeaderMapping(Map.of()), "手机2", "Phone 2", "邮箱1", "地址1"))
                .containsExactly(ColumnTarget.of(Kind.PHONE), ColumnTarget.of(Kind.PHONE), ColumnTarget.of(Kind.EMAIL),
                        ColumnTarget.attribute("地址1"));
    }

    @Test
    void keepsAWechatIdAsAnAttributeNotAnIdentifier() {
        assertThat(targets(new HeaderMapping(Map.of()), "微信号")).containsExactly(ColumnTarget.attribute("wechat"));
    }

    @Test
    void keepsUnknownHeadersAsAttributesUnderTheirText() {
        List<ColumnTarget> t = targets(new HeaderMapping(Map.of()), "行业 ", "");

        assertThat(t).containsExactly(ColumnTarget.attribute("行业"), ColumnTarget.attribute("column 2"));
    }

    @Test
    void configuredMappingOverridesTheDefaults() {
        HeaderMapping m = new HeaderMapping(Map.of("电话", "attr:landline", "客户编号（CRM）", "crm:xiaoshouyi", "来源", "ignore", "Mobile 2", "phone"));

        assertThat(targets(m, "电话", "客户编号", "来源", "mobile-2"))
                .containsExactly(ColumnTarget.attribute("landline"), new ColumnTarget(Kind.CRM, "xiaoshouyi"),
                        ColumnTarget.of(Kind.IGNORE), ColumnTarget.of(Kind.PHONE));
    }

    @Test
    void refusesUnknownTargets() {
        assertThatThrownBy(() -> new HeaderMapping(Map.of("手机", "mobile")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown target 'mobile'");
        assertThat(ColumnTarget.problemWith("crm:")).contains("needs a system");
    }

    @Test
    void tellsWhetherAHeaderRowHasAnIdentifierColumn() {
        HeaderMapping m = new HeaderMapping(Map.of());
        Columns none = m.resolve(List.of("姓名", "公司", "微信"));

        assertThat(none.hasIdentifierColumn()).isFalse();
        assertThat(none.describe()).isEqualTo("姓名, 公司, 微信");
        assertThat(m.resolve(List.of("姓名", "unionid")).hasIdentifierColumn()).isTrue();
    }
}
