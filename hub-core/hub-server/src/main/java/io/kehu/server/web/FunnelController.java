package io.kehu.server.web;

import io.kehu.search.SearchPage;
import io.kehu.server.funnel.FunnelService;
import io.kehu.server.funnel.Period;
import io.kehu.server.security.SalesScope;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Funnel answers for sales and admins. Periods are ISO-8601 ({@code since}, {@code until}), the last
 * 30 days by default; see the README for the exact definitions.
 */
@RestController
@RequestMapping("/api/v1/funnel")
public class FunnelController {

    private static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

    private final FunnelService funnel;
    private final Clock clock;

    public FunnelController(FunnelService funnel, Clock clock) {
        this.funnel = funnel;
        this.clock = clock;
    }

    @GetMapping("/stages")
    public FunnelService.StageCounts stages() {
        return funnel.stages();
    }

    @GetMapping("/conversion")
    public FunnelService.Conversion conversion(@RequestParam(name = "from", required = false) String from,
                                               @RequestParam(name = "to", required = false) String to,
                                               @RequestParam(name = "since", required = false) String since,
                                               @RequestParam(name = "until", required = false) String until) {
        return funnel.conversion(from, to, Period.parse(since, until, clock, DEFAULT_PERIOD));
    }

    @GetMapping("/time-in-stage")
    public FunnelService.TimeInStage timeInStage(@RequestParam(name = "since", required = false) String since,
                                                 @RequestParam(name = "until", required = false) String until) {
        return funnel.timeInStage(Period.parse(since, until, clock, DEFAULT_PERIOD));
    }

    @GetMapping("/at-risk")
    public SearchPage<FunnelService.AtRiskProfile> atRisk(@RequestParam(name = "page", defaultValue = "1") int page,
                                                          @RequestParam(name = "size", defaultValue = "20") int size,
                                                          HttpServletRequest request) {
        return funnel.atRisk(page, size, SalesScope.owner(request));
    }
}
