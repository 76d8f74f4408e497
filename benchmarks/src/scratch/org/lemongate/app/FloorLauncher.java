package org.lemongate.app;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import org.lemongate.mapping.MailGateway;
import org.lemongate.mapping.imap.ImapGateway;
import org.lemongate.rest.FloorHandler;
import org.lemongate.rest.FloorServlet;

/** Scratch: the gateway as EmbeddedServer builds it, plus floor routes. */
public final class FloorLauncher {
    public static void main(String[] args) throws Exception {
        GatewayConfig config = ConfigLoader.forCommandLine(CommandLine.parse(args), System.getenv());
        MailGateway gw = ImapGateway.start(config.backendSettings(), config.watchMode());
        byte[] memory = new byte[102_672];
        java.util.Arrays.fill(memory, (byte) 'x');
        DeploymentInfo info = Servlets.deployment()
                .setClassLoader(FloorLauncher.class.getClassLoader())
                .setContextPath("/").setDeploymentName("lemongate").setDisplayName("Lemongate")
                .addServletContextAttribute(GatewayWebApp.CONFIG_ATTRIBUTE, config)
                .addListener(Servlets.listener(GatewayWebApp.class))
                .addServlet(Servlets.servlet("floor", FloorServlet.class,
                        new ImmediateInstanceFactory<>(new FloorServlet(gw))).addMapping("/floor/servlet/*"));
        DeploymentManager deployment = Servlets.newContainer().addDeployment(info);
        deployment.deploy();
        PathHandler paths = Handlers.path(deployment.start())
                .addPrefixPath("/floor/bare", new BlockingHandler(new FloorHandler(gw, null)))
                .addPrefixPath("/floor/cached", new BlockingHandler(new FloorHandler(gw, true)))
                .addPrefixPath("/floor/memory", new BlockingHandler(new FloorHandler(null, memory)));
        Undertow.builder().addHttpListener(config.port(), config.bind())
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, 32 * 1024)
                .setServerOption(UndertowOptions.MAX_HEADERS, 100)
                .setServerOption(UndertowOptions.MAX_PARAMETERS, 200)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, 30_000)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 120_000)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 64L * 1024 * 1024)
                .setHandler(new IoThreadCompletion(paths)).build().start();
    }
}
