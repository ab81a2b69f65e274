package io.kehu.server.alerts;

import io.kehu.api.Masking;
import io.kehu.search.AlertDoc;
import io.kehu.server.config.AlertProperties;
import io.kehu.server.funnel.FunnelService;
import io.kehu.server.lifecycle.LifecycleModel;
import io.kehu.server.lifecycle.StageChangeEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Alert texts in Chinese and English, and the cause keys that make each alert unique. Names are
 * masked: alerts land in group chats and logs.
 */
final class AlertTexts {

    static final String AT_RISK = "at-risk";
    static final String CONVERSION = "conversion";

    private AlertTexts() {
    }

    /** One cause per entry into the at-risk stage: the profile and the time it entered. */
    static String atRiskCause(String profileId, Instant enteredAt) {
        return AT_RISK + ":" + profileId + ":" + enteredAt;
    }

    /** One cause per watched pair, window and window start day: at most one alert a day per rule. */
    static String conversionCause(String from, String to, Duration window, LocalDate windowStart) {
        return CONVERSION + ":" + from + ">" + to + ":" + window + ":" + windowStart;
    }

    static AlertDoc atRisk(StageChangeEvent e, LifecycleModel model) {
        String zhStage = model.stage(e.to()).map(LifecycleModel.Stage::nameZh).orElse(e.to());
        String enStage = model.stage(e.to()).map(LifecycleModel.Stage::nameEn).orElse(e.to());
        String name = e.name() == null || e.name().isBlank() ? null : Masking.maskName(e.name());
        // A manual reason is free text a person typed: it may name people, so it stays out.
        String reason = e.manual() ? null : e.reason();
        String zh = "客户 " + (name == null ? "(无姓名)" : name) + "（" + e.profileId() + "）进入「" + zhStage + "」"
                + (reason == null ? "（手动设置）" : "，原因：" + reason) + "。综合评分 " + e.combined()
                + "，等级 " + e.tier() + "。";
        String en = "Customer " + (name == null ? "(no name)" : name) + " (" + e.profileId() + ") entered \""
                + enStage + "\"" + (reason == null ? " (set manually)" : ": " + reason) + ". Combined score "
                + e.combined() + ", tier " + e.tier() + ".";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", e.from());
        details.put("to", e.to());
        details.put("at", e.at().toString());
        details.put("combined", e.combined());
        details.put("tier", e.tier());
        return draft(atRiskCause(e.profileId(), e.at()), AT_RISK, e.profileId(), "客户预警：" + zhStage,
                "Customer alert: " + enStage, zh, en, details);
    }

    static AlertDoc conversionLow(FunnelService.Conversion c, AlertProperties.Conversion rule, LifecycleModel model) {
        String fromZh = model.stage(c.from()).map(LifecycleModel.Stage::nameZh).orElse(c.from());
        String toZh = model.stage(c.to()).map(LifecycleModel.Stage::nameZh).orElse(c.to());
        String fromEn = model.stage(c.from()).map(LifecycleModel.Stage::nameEn).orElse(c.from());
        String toEn = model.stage(c.to()).map(LifecycleModel.Stage::nameEn).orElse(c.to());
        String rate = percent(c.rate());
        String min = percent(rule.getMinRate());
        LocalDate start = LocalDate.ofInstant(c.since(), ZoneOffset.UTC);
        LocalDate end = LocalDate.ofInstant(c.until(), ZoneOffset.UTC);
        String zh = "近" + windowZh(rule.getWindow()) + "「" + fromZh + "」→「" + toZh + "」转化率 " + rate + "（"
                + c.entered() + " 人中 " + c.converted() + " 人），低于阈值 " + min + "。统计区间 " + start + " 至 "
                + end + "（UTC）。";
        String en = "Conversion " + fromEn + " → " + toEn + " over the last " + windowEn(rule.getWindow()) + " is "
                + rate + " (" + c.converted() + " of " + c.entered() + "), below the " + min + " threshold. Window "
                + start + " to " + end + " (UTC).";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", c.from());
        details.put("to", c.to());
        details.put("since", c.since().toString());
        details.put("until", c.until().toString());
        details.put("entered", c.entered());
        details.put("converted", c.converted());
        details.put("rate", c.rate());
        details.put("minRate", rule.getMinRate());
        return draft(conversionCause(c.from(), c.to(), rule.getWindow(), start), CONVERSION, null,
                "转化率预警", "Conversion alert", zh, en, details);
    }

    private static AlertDoc draft(String id, String kind, String profileId, String titleZh, String titleEn,
                                  String zh, String en, Map<String, Object> details) {
        return new AlertDoc(id, kind, AlertDoc.PENDING, profileId, titleZh, titleEn, zh, en, details, List.of(),
                null, null);
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    private static String windowZh(Duration w) {
        return w.toHours() % 24 == 0 ? " " + w.toDays() + " 天" : " " + w.toHours() + " 小时";
    }

    private static String windowEn(Duration w) {
        return w.toHours() % 24 == 0 ? w.toDays() + " days" : w.toHours() + " hours";
    }
}
