package io.kehu.server.config;

import io.kehu.server.web.ConsoleHeadersFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web console: static files under {@code classpath:/static/console/}, served at {@code /console/} without
 * a key (every data call it makes carries one), with security headers.
 */
@Configuration
public class ConsoleConfiguration implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        // Relative URLs in the page (js/app.js) resolve against /console/, not against the root.
        registry.addRedirectViewController("/console", "/console/");
        registry.addViewController("/console/").setViewName("forward:/console/index.html");
    }

    @Bean
    FilterRegistrationBean<ConsoleHeadersFilter> consoleHeadersFilter() {
        FilterRegistrationBean<ConsoleHeadersFilter> bean = new FilterRegistrationBean<>(new ConsoleHeadersFilter());
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        bean.addUrlPatterns("/console", "/console/*");
        return bean;
    }
}
