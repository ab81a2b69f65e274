package io.kehu.connector.fxiaoke;

import io.kehu.api.spi.RemoteCallException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

/**
 * What 纷享销客's {@code errorCode} values mean for a delivery (from the Open API's 全局返回码 table).
 * Codes not listed here are refusals of the one record, typically validation errors of its fields.
 */
final class FxiaokeCodes {

    /** corpAccessToken expired or invalid: fetch a new one and repeat the call once. */
    static final Set<Integer> TOKEN_REFUSED = Set.of(20016, 20005, 11014);

    /** The platform failed or is busy; the call may pass later. */
    static final Set<Integer> BUSY = Set.of(-1, -2, 50009);

    /** The app's credentials, rights or licence are wrong: no record can pass until someone fixes them. */
    static final Set<Integer> REFUSED_FOR_GOOD = Set.of(
            10006, // unknown API path
            11001, 11002, 11013, 20006, 20015, // app id, secret or permanent code wrong
            11008, 20012, 30027, // currentOpenUserId unknown
            11015, 20017, // corpId unknown
            15003, 20014, 20020, 20021, 20022, // the app lacks rights, is disabled or not authorised
            30003); // the tenant bought no Open API quota

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private FxiaokeCodes() {
    }

    /** The retryable failure for a busy or rate-limit code, else null. */
    static RemoteCallException retryable(int code, String message, Clock clock) {
        Duration wait;
        if (code == 14001) {
            wait = Duration.ofSeconds(20); // 100 calls per 20 s per interface: wait out the window
        } else if (code == 30004) {
            wait = Duration.ofSeconds(1); // per-second limit
        } else if (code == 30002) {
            wait = untilMidnightInChina(clock); // the daily quota counts again from 00:00
        } else if (BUSY.contains(code)) {
            wait = null;
        } else {
            return null;
        }
        return RemoteCallException.retryable(text(code, message), 200, String.valueOf(code), wait);
    }

    static boolean refusedForGood(int code) {
        return REFUSED_FOR_GOOD.contains(code);
    }

    static String text(int code, String message) {
        return "Fxiaoke answered errorCode " + code + (message == null || message.isBlank() ? "" : ": " + message);
    }

    static Duration untilMidnightInChina(Clock clock) {
        var now = clock.instant().atZone(CHINA);
        LocalDate tomorrow = now.toLocalDate().plusDays(1);
        return Duration.between(now, tomorrow.atStartOfDay(CHINA));
    }
}
