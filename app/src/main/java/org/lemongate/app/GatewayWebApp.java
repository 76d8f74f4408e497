package org.lemongate.app;

import java.util.EnumSet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

import org.lemongate.compare.CompareOptions;
import org.lemongate.mapping.MailGateway;
import org.lemongate.mapping.imap.ImapGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one list of Lemongate's servlets and filters, used by both packagings: the WAR's {@code web.xml} declares this
 * listener, and the embedded server registers it. It builds the configuration, starts the mapping layer, installs
 * the enabled bindings and the operational endpoints, and closes the mapping layer when the context goes away.
 */
public final class GatewayWebApp implements ServletContextListener {

    /**
     * The context attribute through which the embedded server hands over its {@link GatewayConfig}; a WAR has none
     * and reads its context parameters and the environment instead.
     */
    public static final String CONFIG_ATTRIBUTE = GatewayConfig.class.getName();

    private static final Logger LOG = LoggerFactory.getLogger(GatewayWebApp.class);

    private MailGateway gateway;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext ctx = event.getServletContext();
        GatewayConfig config = ctx.getAttribute(CONFIG_ATTRIBUTE) instanceof GatewayConfig c
                ? c : ConfigLoader.forServletContext(ctx, System.getenv());
        gateway = ImapGateway.start(config.backendSettings());
        try {
            install(ctx, config);
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
        LOG.info("Lemongate serving {} against {}", config.bindings(), config.imap().orElseThrow());
    }

    private void install(ServletContext ctx, GatewayConfig config) {
        GatewayMetrics metrics = new GatewayMetrics(gateway::stats);
        // Registered before any binding's filters so that ids, metrics and access log cover every request.
        FilterRegistration.Dynamic tracking = ctx.addFilter("request-tracking", new RequestTracking(metrics));
        tracking.setAsyncSupported(true);
        tracking.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        for (Binding binding : config.bindings()) {
            binding.install(ctx, gateway);
        }
        LatestReport report = new LatestReport(CompareOptions.DEFAULT_OUT);
        ctx.addServlet("home", new HomePage(config.bindings(), report)).addMapping("");
        ctx.addServlet("latest-report", report).addMapping(LatestReport.PATH + "*");
        ctx.addServlet("healthz", new Probes.Liveness()).addMapping("/healthz");
        ctx.addServlet("readyz", new Probes.Readiness(gateway)).addMapping("/readyz");
        ctx.addServlet("metrics", new MetricsEndpoint(metrics)).addMapping("/metrics");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
    }
}
