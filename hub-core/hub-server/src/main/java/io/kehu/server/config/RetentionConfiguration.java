package io.kehu.server.config;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.kehu.search.DeadLetterDoc;
import io.kehu.search.IndexNames;
import io.kehu.search.WorkDoc;
import io.kehu.server.retention.RetentionRule;
import io.kehu.server.work.Periodic;
import java.time.Duration;
import io.kehu.server.retention.RetentionSweeper;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The retention sweep: which finished records go after how long ({@code hub.retention.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionConfiguration {

    @Bean
    RetentionSweeper retentionSweeper(ElasticsearchClient client, IndexNames names, RetentionProperties props,
                                      Clock clock) {
        return new RetentionSweeper(client, List.of(
                new RetentionRule("work", names.work(), "updatedAt", List.of(WorkDoc.DONE), props.getWork()),
                new RetentionRule("deadLetters", names.deadLetters(), "updatedAt", List.of(DeadLetterDoc.REPLAYED),
                        props.getDeadLetters()),
                new RetentionRule("deliveries", names.deliveries(), "at", List.of(), props.getDeliveries()),
                new RetentionRule("alerts", names.alerts(), "createdAt", List.of(), props.getAlerts())), clock);
    }

    /** First a few minutes after start: a restarting hub has other work first. */
    @Bean(destroyMethod = "close")
    Periodic retentionSchedule(RetentionSweeper sweeper, RetentionProperties props) {
        return Periodic.start("retention", "hub.retention.interval", props.getInterval(), Duration.ofMinutes(5),
                sweeper::runIfIdle);
    }
}
