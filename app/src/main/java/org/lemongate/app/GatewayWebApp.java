package org.lemongate.app;

import java.util.EnumSet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
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
        EdgeSettings edge = config.edge();
        LOG.info("Lemongate serving {} against {}; trusted proxies {}, public URL {}, insecure credentials {}",
                config.bindings(), config.imap().orElseThrow(), edge.trustedProxies(),
                edge.publicUrl().map(PublicUrl::toString).orElse("none"), edge.insecureCredentials().value());
    }

    private void install(ServletContext ctx, GatewayConfig config) {
        GatewayMetrics metrics = new GatewayMetrics(gateway::stats);
        EdgeSettings edge = config.edge();
        // First of all: every later filter and servlet sees the client's address and the URL it used.
        everyRequest(ctx, "proxy-headers", new ProxyHeaders(edge.trustedProxies(), edge.publicUrl()));
        // Before any binding's filters so that ids, metrics and access log cover every request.
        everyRequest(ctx, "request-tracking", new RequestTracking(metrics));
        everyRequest(ctx, "security-headers", new SecurityHeaders());
        everyRequest(ctx, "credentials-guard", new CredentialsGuard(edge.insecureCredentials()));
        everyRequest(ctx, "cross-site-guard", new CrossSiteGuard(edge.allowedOrigins()));
        for (Binding binding : config.bindings()) {
            binding.install(ctx, gateway, config);
        }
        LatestReport report = new LatestReport(CompareOptions.DEFAULT_OUT);
        ctx.addServlet("home", new HomePage(config.bindings(), report)).addMapping("");
        ctx.addServlet("latest-report", report).addMapping(LatestReport.PATH + "*");
        ctx.addServlet("healthz", new Probes.Liveness()).addMapping("/healthz");
        ctx.addServlet("readyz", new Probes.Readiness(gateway)).addMapping("/readyz");
        ctx.addServlet("metrics", new MetricsEndpoint(metrics)).addMapping("/metrics");
    }

    /** Maps a filter before the bindings' own (which are mapped to servlet names, so they come after). */
    private static void everyRequest(ServletContext ctx, String name, Filter filter) {
        FilterRegistration.Dynamic registration = ctx.addFilter(name, filter);
        registration.setAsyncSupported(true);
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
    }
}
