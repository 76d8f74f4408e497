package org.lemongate.rest;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import org.lemongate.mapping.MailGateway;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletContextListener;

/**
 * The REST binding in embedded Undertow on a free loopback port, installed the way the application installs it:
 * from a ServletContextListener. It runs under a context path, so tests see that links honour it.
 */
final class RestServer implements AutoCloseable {

    static final String CONTEXT_PATH = "/mail";
    private static final AtomicInteger DEPLOYMENTS = new AtomicInteger();

    private final DeploymentManager manager;
    private final Undertow undertow;
    private final URI base;

    private RestServer(DeploymentManager manager, Undertow undertow, URI base) {
        this.manager = manager;
        this.undertow = undertow;
        this.base = base;
    }

    static RestServer start(MailGateway gateway) throws Exception {
        ServletContextListener installer = new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                RestBinding.install(event.getServletContext(), gateway);
            }
        };
        DeploymentInfo deployment = Servlets.deployment()
                .setClassLoader(RestServer.class.getClassLoader())
                .setContextPath(CONTEXT_PATH)
                .setDeploymentName("rest-test-" + DEPLOYMENTS.incrementAndGet())
                .addListener(Servlets.listener(ServletContextListener.class,
                        new ImmediateInstanceFactory<>(installer)));
        DeploymentManager manager = Servlets.defaultContainer().addDeployment(deployment);
        manager.deploy();
        Undertow undertow = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                // Undertow's own 2 MiB default would hide the binding's limits, which a WAR on Tomcat relies on.
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 1024L * 1024 * 1024)
                .setHandler(Handlers.path().addPrefixPath(CONTEXT_PATH, manager.start()))
                .build();
        undertow.start();
        int port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        return new RestServer(manager, undertow, URI.create("http://127.0.0.1:" + port + CONTEXT_PATH + "/"));
    }

    /** The binding's CXF servlet as the container runs it, to look at its bus. */
    RestServlet restServlet() throws ServletException {
        return (RestServlet) manager.getDeployment().getServlets().getManagedServlet("lemongate-rest").getServlet()
                .getInstance();
    }

    /** The URI of {@code path}, relative to the web application (e.g. {@code api/v1}). */
    URI uri(String path) {
        return base.resolve(path);
    }

    @Override
    public void close() throws ServletException {
        undertow.stop();
        manager.stop();
        manager.undeploy();
    }
}
