package io.kehu.server.delivery;

import io.kehu.api.HubException;
import io.kehu.server.connectors.DailyBudgetSettings;
import io.kehu.server.connectors.DeliveryStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether one destination instance may be called now, for the whole instance rather than one hub node: not while
 * a pause the destination asked for lasts, and not beyond its daily call budget. With a budget, each call is
 * counted in the {@link CallLedger} before it is made, with a conditional write, so the count holds across restarts
 * and hub nodes; a crash between counting and calling counts a call too many, never one too few.
 */
final class CallGate {

    private static final Logger log = LoggerFactory.getLogger(CallGate.class);
    private static final int CONFLICT_TRIES = 8;
    /** How stale another node's pause may be seen by an instance without a budget. */
    static final Duration PAUSE_RECHECK = Duration.ofSeconds(5);

    /** Why and until when calls wait. */
    record Hold(String reason, Instant until) {
    }

    private final String destination;
    private final DailyBudgetSettings budget;
    private final CallLedger ledger;
    private final Clock clock;
    /** A pause asked for on this node, kept in case storing it failed. */
    private Instant localPause;
    /** Without a budget: the stored pause as last read, and when. */
    private Instant storedPause;
    private Instant pauseReadAt;

    CallGate(String destination, DailyBudgetSettings budget, CallLedger ledger, Clock clock) {
        this.destination = destination;
        this.budget = budget;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * Counts one call and returns null when it may be made now; otherwise, what holds it, without counting. An
     * instance without a budget counts nothing: it only heeds the stored pause, read again at most every
     * {@link #PAUSE_RECHECK}, which spares a read and a write in Elasticsearch per call.
     */
    Hold acquire() {
        if (!budget.limited()) {
            return pauseOnly();
        }
        for (int i = 0; i < CONFLICT_TRIES; i++) {
            Instant now = clock.instant();
            LocalDate day = DailyCalls.dayOf(now, budget.zone());
            CallLedger.Versioned read = ledger.read(destination, day);
            DailyCalls today = read.calls().on(day);
            Hold hold = decide(today, budget, now);
            if (hold == null && localPause != null && localPause.isAfter(now)) {
                hold = new Hold(DeliveryStatus.VENDOR_PAUSE, localPause);
            }
            if (hold != null) {
                return hold;
            }
            try {
                ledger.write(destination, read, today.plusOne());
                return null;
            } catch (CallLedger.Conflict e) {
                // Another call was counted meanwhile, here or on another node: decide again on the new count.
            }
        }
        throw HubException.retryable("The call count of " + destination + " kept changing; trying again later", null);
    }

    private Hold pauseOnly() {
        Instant now = clock.instant();
        if (pauseReadAt == null || !now.isBefore(pauseReadAt.plus(PAUSE_RECHECK))) {
            LocalDate day = DailyCalls.dayOf(now, budget.zone());
            storedPause = ledger.read(destination, day).calls().pausedUntil();
            pauseReadAt = now;
        }
        Instant until = storedPause;
        if (localPause != null && (until == null || localPause.isAfter(until))) {
            until = localPause;
        }
        return until != null && until.isAfter(now) ? new Hold(DeliveryStatus.VENDOR_PAUSE, until) : null;
    }

    /** The destination asked the whole instance to wait; stored so a restart and other nodes wait too. */
    void pause(Duration wait) {
        Instant until = clock.instant().plus(wait);
        if (localPause == null || until.isAfter(localPause)) {
            localPause = until;
        }
        try {
            for (int i = 0; i < CONFLICT_TRIES; i++) {
                LocalDate day = DailyCalls.dayOf(clock.instant(), budget.zone());
                CallLedger.Versioned read = ledger.read(destination, day);
                DailyCalls stored = read.calls().on(day);
                if (stored.pausedUntil() != null && !stored.pausedUntil().isBefore(until)) {
                    return;
                }
                try {
                    ledger.write(destination, read, stored.pausedUntil(until));
                    return;
                } catch (CallLedger.Conflict e) {
                    // Counted or paused meanwhile: merge into the new record.
                }
            }
            log.warn("Could not store the pause of {} until {}: the record kept changing; this node waits anyway",
                    destination, until);
        } catch (RuntimeException e) {
            log.warn("Could not store the pause of {} until {}; this node waits anyway, a restart would not: {}",
                    destination, until, e.getMessage());
        }
    }

    /**
     * What holds calls with {@code today}'s record at {@code now}: the budget used up (until the next day starts),
     * a pause that lasts, or both (the later end wins); null when a call may go.
     */
    static Hold decide(DailyCalls today, DailyBudgetSettings budget, Instant now) {
        Hold byBudget = budget.limited() && today.calls() >= budget.calls()
                ? new Hold(DeliveryStatus.BUDGET, DailyCalls.resetAfter(today.day(), budget.zone())) : null;
        Hold byPause = today.pausedUntil() != null && today.pausedUntil().isAfter(now)
                ? new Hold(DeliveryStatus.VENDOR_PAUSE, today.pausedUntil()) : null;
        if (byBudget == null || byPause == null) {
            return byBudget != null ? byBudget : byPause;
        }
        return byPause.until().isAfter(byBudget.until()) ? byPause : byBudget;
    }

    /** The instance's health: its budget, calls today, and what holds its calls, as stored. */
    static DeliveryStatus status(String destination, DailyBudgetSettings budget, CallLedger ledger, Instant now) {
        LocalDate day = DailyCalls.dayOf(now, budget.zone());
        DailyCalls today = ledger.read(destination, day).calls().on(day);
        Hold hold = decide(today, budget, now);
        Instant paused = today.pausedUntil() != null && today.pausedUntil().isAfter(now) ? today.pausedUntil() : null;
        return new DeliveryStatus(budget.calls(), budget.zone().getId(), today.day().toString(), today.calls(),
                DailyCalls.resetAfter(today.day(), budget.zone()), hold == null ? null : hold.reason(),
                hold == null ? null : hold.until(), paused);
    }
}
