package org.lemongate.soap;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletException;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ServletContainer;
import io.undertow.servlet.api.ServletContainerInitializerInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.lemongate.mapping.MailGateway;
import org.lemongate.mapping.imap.BackendSettings;
import org.lemongate.mapping.imap.ImapGateway;
import org.lemongate.testsupport.DovecotServer;

/**
 * The SOAP binding for real: GreenMail on a free loopback port, the IMAP connector in front of it, and the
 * binding installed into an embedded Undertow on another free loopback port, exactly as the application does.
 * Register it as a static extension; it starts before a class's tests and stops after them.
 */
final class SoapTestGateway implements BeforeAllCallback, AfterAllCallback {

    static final String USER = "ann";
    static final String PASSWORD = "lemon-secret";

    /** The IMAP server behind the gateway. */
    private enum Backend { GREENMAIL, DOVECOT, NONE }

    private final Backend backend;
    private final Map<String, String> contextParameters = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private GreenMail greenMail;
    private DovecotServer dovecot;
    private MailGateway gateway;
    private DeploymentManager deployment;
    private Undertow server;
    private URI base;

    private SoapTestGateway(Backend backend) {
        this.backend = backend;
    }

    /** A gateway over a fresh GreenMail (IMAP and SMTP) holding the user {@link #USER}. */
    static SoapTestGateway withGreenMail() {
        return new SoapTestGateway(Backend.GREENMAIL);
    }

    /** A gateway over a private Dovecot holding the user {@link #USER}; skipped per Interop when not installed. */
    static SoapTestGateway withDovecot() {
        return new SoapTestGateway(Backend.DOVECOT);
    }

    /** A gateway whose IMAP server is not there: the port was free a moment ago and nothing listens on it. */
    static SoapTestGateway withoutBackend() {
        return new SoapTestGateway(Backend.NONE);
    }

    /** Sets a servlet context parameter of the deployment, as a WAR's web.xml would; call before it starts. */
    SoapTestGateway withContextParameter(String name, String value) {
        contextParameters.put(name, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (backend == Backend.DOVECOT) {
            dovecot = DovecotServer.start(Map.of(USER, PASSWORD));
            gateway = ImapGateway.start(settings(URI.create(dovecot.imapUrl()), Optional.empty()));
        } else if (backend == Backend.GREENMAIL) {
            greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort()});
            greenMail.start();
            greenMail.setUser(USER + "@example.org", USER, PASSWORD);
            gateway = ImapGateway.start(settings(URI.create("imap://127.0.0.1:" + greenMail.getImap().getPort()),
                    Optional.of(URI.create("smtp://127.0.0.1:" + greenMail.getSmtp().getPort()))));
        } else {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                gateway = ImapGateway.start(settings(URI.create("imap://127.0.0.1:" + probe.getLocalPort()),
                        Optional.empty()));
            }
        }
        startServer();
    }

    private void startServer() throws ServletException {
        ServletContainerInitializer installer = (classes, context) -> SoapBinding.install(context, gateway);
        DeploymentInfo info = Servlets.deployment()
                .setClassLoader(SoapTestGateway.class.getClassLoader())
                .setContextPath("/")
                .setDeploymentName("lemongate-soap-test")
                .addServletContainerInitializer(new ServletContainerInitializerInfo(ServletContainerInitializer.class,
                        new ImmediateInstanceFactory<>(installer), Set.of()));
        contextParameters.forEach(info::addInitParameter);
        this.deployment = ServletContainer.Factory.newInstance().addDeployment(info);
        deployment.deploy();
        // Undertow's own entity limit (10 MiB by default) sits above the binding's limits, as in the application.
        this.server = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 2 * RequestSizeLimit.MTOM_PORT_LIMIT)
                .setHandler(deployment.start()).build();
        server.start();
        int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    private static BackendSettings settings(URI imap, Optional<URI> smtp) {
        return BackendSettings.defaults(imap, smtp)
                .withStartTls(BackendSettings.StartTls.OFF)
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    GreenMail greenMail() {
        return greenMail;
    }

    /** The mapping layer the binding runs on, for tests of the binding's own parts. */
    MailGateway mailGateway() {
        return gateway;
    }

    /** The Dovecot server of a {@link #withDovecot()} gateway, for a test's own IMAP session. */
    DovecotServer dovecot() {
        return dovecot;
    }

    /** Delivers a message given as bytes to the user's inbox. */
    void deliver(byte[] message) throws Exception {
        greenMail.getUserManager().getUser(USER).deliver(
                new MimeMessage(Session.getInstance(new Properties()), new java.io.ByteArrayInputStream(message)));
    }

    /** Delivers the test resources (RFC 5322 files, e.g. {@code /mailbox/INBOX/1-lunch.eml}) to the user's inbox. */
    void deliver(String... resources) throws Exception {
        GreenMailUser user = greenMail.getUserManager().getUser(USER);
        Session session = Session.getInstance(new Properties());
        for (String resource : resources) {
            try (InputStream in = SoapTestGateway.class.getResourceAsStream(resource)) {
                user.deliver(new MimeMessage(session, in));
            }
        }
    }

    URI uri(String pathAndQuery) {
        return base.resolve(pathAndQuery);
    }

    /** GETs a path, e.g. {@code /soap/mail?wsdl}. */
    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** POSTs a SOAP request as the test user. */
    SoapResponse call(SoapRequest request) throws Exception {
        return call(request, basic(USER, PASSWORD));
    }

    /** POSTs a SOAP request with the given Authorization header, or none when it is null. */
    /** Sends a request as the test user through the given client, e.g. to open a new connection. */
    SoapResponse call(HttpClient client, SoapRequest request) throws Exception {
        return new SoapResponse(client.send(soapRequest(request).header("Authorization", basic(USER, PASSWORD))
                .build(), HttpResponse.BodyHandlers.ofString()));
    }

    SoapResponse call(SoapRequest request, String authorization) throws Exception {
        HttpRequest.Builder b = soapRequest(request);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return new SoapResponse(send(b));
    }

    /** POSTs a request as the test user and returns the raw reply, for multipart (MTOM) answers. */
    HttpResponse<byte[]> post(SoapRequest request) throws Exception {
        return http.send(soapRequest(request).header("Authorization", basic(USER, PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A request builder for {@code path} carrying the test user's credentials. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", basic(USER, PASSWORD));
    }

    HttpResponse<byte[]> sendBytes(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder soapRequest(SoapRequest request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(request.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", request.contentType())
                .POST(HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        request.soapActionHeader().ifPresent(a -> b.header("SOAPAction", a));
        return b;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void afterAll(ExtensionContext context) throws ServletException {
        // Parts may be missing when starting was aborted, e.g. a Dovecot test skipped for want of Dovecot.
        if (server != null) {
            server.stop();
            deployment.stop();
            deployment.undeploy();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
        if (dovecot != null) {
            dovecot.close();
        }
    }
}
