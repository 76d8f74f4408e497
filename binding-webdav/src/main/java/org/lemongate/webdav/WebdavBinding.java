package org.lemongate.webdav;

import java.time.Clock;
import java.util.Objects;

import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;

import org.lemongate.mapping.MailGateway;

/**
 * The WebDAV binding: each user's mailboxes as a folder tree under {@code /dav/}, one collection per mailbox
 * (nested like the IMAP hierarchy) and one {@code message/rfc822} file per message, named as
 * {@code <arrival date> <subject> [<uid>].eml}.
 *
 * <p>The application calls {@link #install} from its {@code ServletContextListener}, in the WAR and in embedded
 * Undertow alike.
 */
public final class WebdavBinding {

    /** Where the binding is mapped inside the servlet context. */
    public static final String PATH = "/dav";
    /** The servlet's registration name. */
    public static final String SERVLET_NAME = "lemongate-webdav";
    /** The registration name of the filter that answers OPTIONS on the context root. */
    public static final String ROOT_FILTER_NAME = "lemongate-webdav-root-options";

    private WebdavBinding() {
    }

    /**
     * Registers the WebDAV servlet at {@code /dav/*} (async supported), and a filter that answers OPTIONS on the
     * context root with the WebDAV headers (other requests to the root pass through). Call it once, while the
     * context starts. The servlet opens the state store (ADR 6) now and closes it when it is destroyed.
     *
     * @param context  the servlet context being initialised
     * @param gateway  the mapping layer every request authenticates against
     * @param storeUrl the H2 JDBC URL of the WebDAV state store (locks, dead properties, file names, placeholders)
     * @throws IllegalStateException when a servlet of the same name is registered already, or the store cannot be
     *                               opened
     */
    public static void install(ServletContext context, MailGateway gateway, String storeUrl) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(storeUrl, "storeUrl");
        DavState state = DavState.open(storeUrl, Clock.systemUTC());
        ServletRegistration.Dynamic registration = context.addServlet(SERVLET_NAME,
                new MailDavServlet(gateway, PATH, state));
        if (registration == null) {
            state.close();
            throw new IllegalStateException("a servlet named " + SERVLET_NAME + " is registered already");
        }
        registration.setAsyncSupported(true);
        registration.setLoadOnStartup(1);
        registration.addMapping(PATH + "/*");
        FilterRegistration.Dynamic root = context.addFilter(ROOT_FILTER_NAME, new RootOptionsFilter());
        if (root != null) {
            root.setAsyncSupported(true);
            // "" is the servlet spec's exact match for the context root, which some containers route to the
            // default servlet ("/") instead; the filter itself answers the root only.
            root.addMappingForUrlPatterns(null, false, "", "/");
        }
    }
}
