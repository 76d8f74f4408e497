package org.lemongate.soap;

import java.time.Duration;

import jakarta.servlet.ServletConfig;

import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.lemongate.mapping.MailGateway;

/** CXF's servlet, which publishes the contract's ports on its own bus when the container starts it. */
final class SoapServlet extends CXFNonSpringServlet {

    private static final long serialVersionUID = 1L;

    private final transient MailGateway gateway;
    private final transient ChangeWaits waits;

    SoapServlet(MailGateway gateway, Duration maxHold) {
        this.gateway = gateway;
        this.waits = new ChangeWaits(gateway, maxHold);
    }

    @Override
    protected void loadBus(ServletConfig config) {
        super.loadBus(config);
        Ports.publish(getBus(), new MailEndpoint(new AccountCalls(gateway), waits));
    }

    @Override
    public void destroy() {
        waits.close();
        super.destroy();
    }
}
