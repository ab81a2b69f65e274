package io.kehu.server.connectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What a destination instance's health shows about its calls today, as stored for the whole instance (every
 * hub node counts into the same record).
 *
 * @param dailyCallBudget calls allowed per day; null for no budget
 * @param dailyBudgetZone where the day starts
 * @param day             today in that zone ({@code 2026-11-23})
 * @param callsToday      calls made (or about to be made) to the instance today, by every hub node
 * @param resetsAt        when the next day starts
 * @param heldBy          {@code BUDGET} when today's budget is used up, {@code VENDOR_PAUSE} while a pause the
 *                        destination asked for ({@code Retry-After}) lasts; null when calls may go
 * @param heldUntil       when that hold ends
 * @param pausedUntil     the end of the destination's latest pause, while it lasts
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryStatus(Integer dailyCallBudget, String dailyBudgetZone, String day, long callsToday,
                             Instant resetsAt, String heldBy, Instant heldUntil, Instant pausedUntil) {

    public static final String BUDGET = "BUDGET";
    public static final String VENDOR_PAUSE = "VENDOR_PAUSE";
}
