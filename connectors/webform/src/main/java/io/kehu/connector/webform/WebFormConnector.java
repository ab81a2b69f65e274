package io.kehu.connector.webform;

import io.kehu.api.spi.CheckResult;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.ConnectorDescriptor;
import io.kehu.api.spi.ConnectorKind;
import io.kehu.api.spi.SourceConnector;
import io.kehu.api.spi.SourceContext;
import io.kehu.api.spi.SourceTask;
import java.time.Clock;
import java.util.List;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Receives web form submissions pushed by 金数据, 简道云, Typeform, Jotform or any form, as leads. */
@Extension
public class WebFormConnector implements SourceConnector {

    public static final String TYPE = "webform";
    private static final Logger log = LoggerFactory.getLogger(WebFormConnector.class);

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(
            TYPE,
            "Web forms",
            "表单推送",
            "Receives form submissions on /hooks/<instance>: 金数据 and 简道云 data pushes, Typeform and Jotform webhooks, "
                    + "or any JSON, urlencoded or multipart form post, each checked by signature or shared token.",
            ConnectorKind.SOURCE,
            WebFormConfig.FIELDS);

    private final Clock clock;

    public WebFormConnector() {
        this(Clock.systemUTC());
    }

    WebFormConnector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(ConnectorConfig config) {
        return WebFormConfig.validate(config);
    }

    @Override
    public CheckResult check(ConnectorConfig config) {
        // Nothing remote to try: the vendor calls us. Say where it should call.
        WebFormConfig c = new WebFormConfig(config);
        String how = FormPreset.signs(c.preset()) ? "signed with the secret"
                : switch (c.tokenLocation()) {
                    case QUERY -> "with ?token=<secret>";
                    case HEADER -> "with the header " + WebFormConfig.TOKEN_HEADER + ": <secret>";
                    case PATH -> "to /hooks/<instance>/<secret>";
                };
        return CheckResult.ok("Ready: the " + FormPreset.forName(c.preset()).vendorName()
                + " push must POST to <hub>/hooks/<instance> " + how);
    }

    @Override
    public SourceTask start(SourceContext context) {
        WebFormConfig config = new WebFormConfig(context.config());
        WebFormHandler handler = new WebFormHandler(context, config, clock);
        log.info("Form endpoint /hooks/{} ready for preset {}", context.instanceId(), config.preset());
        return new WebFormTask(context.instanceId(), handler);
    }
}
