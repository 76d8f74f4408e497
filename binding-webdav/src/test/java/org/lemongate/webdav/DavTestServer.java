package org.lemongate.webdav;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import org.lemongate.mapping.MailGateway;
import org.lemongate.mapping.imap.BackendSettings;
import org.lemongate.mapping.imap.ImapGateway;

/**
 * The binding as deployed: GreenMail (IMAP and SMTP on free loopback ports) preloaded from
 * {@code src/test/resources/preload}, the real IMAP connector, and the servlet in embedded Undertow on a free
 * loopback port, installed from a {@link ServletContextListener} as the application does.
 */
final class DavTestServer implements AutoCloseable {

    static final String ALICE = "alice@example.org";
    static final String ALICE_PASSWORD = "alice-secret";
    static final String BOB = "bob@example.org";
    static final String BOB_PASSWORD = "bob-secret";

    private final GreenMail mail;
    private final MailGateway gateway;
    private final String storeUrl;
    private Undertow undertow;
    private DeploymentManager deployment;
    private int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DavTestServer(GreenMail mail, MailGateway gateway, String storeUrl) throws Exception {
        this.mail = mail;
        this.gateway = gateway;
        this.storeUrl = storeUrl;
        start();
    }

    private void start() throws Exception {
        ServletContextListener installer = new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                WebdavBinding.install(event.getServletContext(), gateway, storeUrl);
            }
        };
        DeploymentInfo info = Servlets.deployment()
                .setClassLoader(DavTestServer.class.getClassLoader())
                .setContextPath("/")
                .setDeploymentName("lemongate-webdav-test")
                .addListener(Servlets.listener(ServletContextListener.class,
                        new ImmediateInstanceFactory<>(installer)));
        deployment = Servlets.newContainer().addDeployment(info);
        deployment.deploy();
        undertow = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(deployment.start()).build();
        undertow.start();
        port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** Stops the web application (closing its state store) and starts it again, on a new port: a restart. */
    void restart() throws Exception {
        stopWeb();
        start();
    }

    /** GreenMail with Alice's and Bob's preloaded mail behind the gateway. */
    static DavTestServer withGreenMail() throws Exception {
        return withGreenMail(memoryStore());
    }

    /** A fresh in-memory state store, gone when the binding closes it. */
    static String memoryStore() {
        return "jdbc:h2:mem:dav-" + UUID.randomUUID();
    }

    /** GreenMail with Alice's and Bob's preloaded mail behind the gateway, with the given state store. */
    static DavTestServer withGreenMail(String storeUrl) throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort()});
        mail.start();
        mail.setUser(ALICE, ALICE, ALICE_PASSWORD);
        mail.setUser(BOB, BOB, BOB_PASSWORD);
        mail.loadEmails(Path.of(DavTestServer.class.getResource("/preload").toURI()));
        URI imap = new URI("imap://127.0.0.1:" + mail.getImap().getPort());
        return new DavTestServer(mail, ImapGateway.start(settings(imap)), storeUrl);
    }

    /** The binding in front of another IMAP server, e.g. a test's Dovecot. */
    static DavTestServer withImap(URI imap) throws Exception {
        return new DavTestServer(null, ImapGateway.start(settings(imap)), memoryStore());
    }

    /** A gateway pointed at a loopback port where nothing listens: the backend is down. */
    static DavTestServer withBackendDown(int deadPort) throws Exception {
        return new DavTestServer(null, ImapGateway.start(settings(new URI("imap://127.0.0.1:" + deadPort))),
                memoryStore());
    }

    private static BackendSettings settings(URI imap) {
        return BackendSettings.defaults(imap, Optional.empty())
                .withStartTls(BackendSettings.StartTls.OFF)
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    /** The mapping layer behind the binding, for tests that prepare mail faster than WebDAV would. */
    MailGateway gateway() {
        return gateway;
    }

    /** The absolute URI of a raw (already percent-encoded) path on this server. */
    URI uri(String rawPath) {
        try {
            return new URI("http://127.0.0.1:" + port + rawPath);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(rawPath, e);
        }
    }

    /** A request builder for the path, with Basic credentials when {@code user} is not null. */
    HttpRequest.Builder request(String rawPath, String user, String password) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(rawPath)).timeout(Duration.ofSeconds(20));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    /** A request as Alice. */
    HttpRequest.Builder asAlice(String rawPath) {
        return request(rawPath, ALICE, ALICE_PASSWORD);
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> sendForBytes(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A PROPFIND with the given depth (null for none) and body (empty for allprop). */
    HttpResponse<String> propfind(String rawPath, String depth, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = asAlice(rawPath)
                .method("PROPFIND", body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (depth != null) {
            b.header("Depth", depth);
        }
        if (!body.isEmpty()) {
            b.header("Content-Type", "application/xml; charset=utf-8");
        }
        return send(b.build());
    }

    /** The decoded names of a collection's members as a Depth 1 PROPFIND reports them, sorted. */
    List<String> memberNames(String rawPath, String user, String password) throws Exception {
        HttpResponse<String> r = send(request(rawPath, user, password)
                .method("PROPFIND", HttpRequest.BodyPublishers.noBody()).header("Depth", "1").build());
        if (r.statusCode() != 207) {
            throw new AssertionError("PROPFIND " + rawPath + ": " + r.statusCode() + " " + r.body());
        }
        return Multistatus.parse(r.body()).responses().keySet().stream()
                .filter(href -> !href.equals(rawPath))
                .map(href -> Path.of(URI.create(href).getPath()).getFileName().toString())
                .sorted()
                .toList();
    }

    private void stopWeb() throws Exception {
        undertow.stop();
        deployment.stop();
        deployment.undeploy();
    }

    @Override
    public void close() throws Exception {
        stopWeb();
        gateway.close();
        if (mail != null) {
            mail.stop();
        }
    }
}
