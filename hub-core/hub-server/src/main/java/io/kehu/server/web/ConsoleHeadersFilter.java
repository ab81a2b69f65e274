package io.kehu.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on the console's files. The console shows data from untrusted sources (spreadsheets, forms,
 * WeChat): the policy allows scripts and styles from the hub only, so an injected inline script or style
 * would not run even if a rendering bug let one through.
 */
public class ConsoleHeadersFilter extends OncePerRequestFilter {

    static final String POLICY = "default-src 'self'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        // Revalidate on every load, so a new hub version's scripts are never mixed with cached old ones.
        response.setHeader("Cache-Control", "no-cache");
        chain.doFilter(request, response);
    }
}
