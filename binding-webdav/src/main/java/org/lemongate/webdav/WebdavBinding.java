package org.lemongate.webdav;

import java.time.Clock;
import java.util.Objects;

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

    private WebdavBinding() {
    }

    /**
     * Registers the WebDAV servlet at {@code /dav/*} (async supported). Call it once, while the context starts.
     *
     * @param context the servlet context being initialised
     * @param gateway the mapping layer every request authenticates against
     * @throws IllegalStateException when a servlet of the same name is registered already
     */
    public static void install(ServletContext context, MailGateway gateway) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(gateway, "gateway");
        ServletRegistration.Dynamic registration = context.addServlet(SERVLET_NAME,
                new MailDavServlet(gateway, PATH, DavState.inMemory(Clock.systemUTC())));
        if (registration == null) {
            throw new IllegalStateException("a servlet named " + SERVLET_NAME + " is registered already");
        }
        registration.setAsyncSupported(true);
        registration.setLoadOnStartup(1);
        registration.addMapping(PATH + "/*");
    }
}
