package io.kehu.server.web;

import io.kehu.server.duplicates.SuspectFinder;
import io.kehu.server.duplicates.SuspectGroup;
import io.kehu.server.security.SalesScope;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Possible duplicates (疑似重复) for sales to review: the same name and company, but no identifier in common. */
@RestController
public class SuspectController {

    private final SuspectFinder finder;

    public SuspectController(SuspectFinder finder) {
        this.finder = finder;
    }

    /** A scoped salesperson sees only groups among their own profiles. */
    @GetMapping("/api/v1/identity/suspects")
    public SuspectGroup.Page suspects(@RequestParam(name = "from", defaultValue = "0") int from,
                                      @RequestParam(name = "size", defaultValue = "20") int size,
                                      HttpServletRequest request) {
        return finder.find(SalesScope.owner(request), from, size);
    }
}
