package org.lemongate.soap;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.jaxws.interceptors.WebFaultOutInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.lemongate.mapping.BasicAuthorization;
import org.lemongate.mapping.ErrorCode;
import org.lemongate.soap.wire.MailboxFault;

/**
 * Gives a {@link MailboxFault} the SOAP fault code its error code calls for (Client for the caller's mistakes,
 * Server for the backend's, as SOAP 1.2's Sender and Receiver), gives the faults CXF raises itself (XML that does
 * not parse or validate, an unknown operation, a wrong envelope version) the same typed detail, and turns the fault
 * for a request without any credentials into an HTTP 401 challenge so that tools can prompt for them. Every other
 * fault stays HTTP 500, as WS-I Basic Profile R1126 asks.
 */
final class FaultStatusInterceptor extends AbstractPhaseInterceptor<Message> {

    FaultStatusInterceptor() {
        super(Phase.PRE_PROTOCOL);
        addAfter(WebFaultOutInterceptor.class.getName());
    }

    @Override
    public void handleMessage(Message message) {
        if (!(message.getContent(Exception.class) instanceof Fault fault)) {
            return;
        }
        if (fault.getCause() instanceof MailboxFault mailboxFault && mailboxFault.getFaultInfo() != null) {
            ErrorCode code = ErrorCode.valueOf(mailboxFault.getFaultInfo().getCode().name());
            fault.setFaultCode(code.clientFault() ? Fault.FAULT_CODE_CLIENT : Fault.FAULT_CODE_SERVER);
        } else if (!fault.hasDetails()) {
            Faults.describe(fault, AccountCalls.operationRan(message.getExchange()));
        }
        if (Authentication.lacksCredentials(message.getExchange())) {
            // The SOAP 1.2 fault writer takes the status from the fault, the SOAP 1.1 path from the message.
            fault.setStatusCode(401);
            message.put(Message.RESPONSE_CODE, 401);
            headers(message).put("WWW-Authenticate", List.of(BasicAuthorization.CHALLENGE));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> headers(Message message) {
        Map<String, List<String>> headers = (Map<String, List<String>>) message.get(Message.PROTOCOL_HEADERS);
        if (headers == null) {
            headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            message.put(Message.PROTOCOL_HEADERS, headers);
        }
        return headers;
    }
}
