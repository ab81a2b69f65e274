package io.kehu.server.config;

import io.kehu.search.ProfileStore;
import io.kehu.server.security.SalesScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Which profiles sales keys see ({@link SalesScope}), checked before any API handler runs. */
@Configuration
public class ScopeConfiguration implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ScopeConfiguration.class);

    private final SalesScope scope;

    public ScopeConfiguration(HubProperties props, ProfileStore profiles) {
        this.scope = SalesScope.of(props.getSecurity().getSalesSee(), profiles);
        if (scope.ownOnly()) {
            log.info("Sales keys tied to an owner see only that owner's profiles (hub.security.sales-see=own)");
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(scope).addPathPatterns("/api/v1/**");
    }
}
