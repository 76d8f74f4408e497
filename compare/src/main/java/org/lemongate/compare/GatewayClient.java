package org.lemongate.compare;

/** What the three binding clients share: a name, one {@link HttpTransport} to the gateway, and its counts. */
abstract class GatewayClient implements MailClient {

    /** The client's connection to the gateway, through its counting relay. */
    protected final HttpTransport http;
    private final String name;

    GatewayClient(String name, HttpTransport http) {
        this.name = name;
        this.http = http;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Traffic traffic() {
        return http.traffic();
    }

    @Override
    public void close() {
        http.close();
    }
}
