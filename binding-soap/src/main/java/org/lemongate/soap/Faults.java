package org.lemongate.soap;

import java.util.Set;

import javax.xml.namespace.QName;

import org.apache.cxf.interceptor.Fault;
import org.lemongate.mapping.ErrorCode;
import org.lemongate.mapping.MailException;
import org.lemongate.soap.wire.FaultCode;
import org.lemongate.soap.wire.MailboxFault;
import org.lemongate.soap.wire.MailboxFaultDetail;
import org.w3c.dom.Element;

/** The one translation of errors into the contract's typed fault. */
final class Faults {

    /** SOAP 1.1 and 1.2 fault codes that blame the request. */
    private static final Set<String> CLIENT_CODES =
            Set.of("Client", "client", "Sender", "VersionMismatch", "MustUnderstand", "DataEncodingUnknown");

    private Faults() {
    }

    /** The fault for {@code error}: its code, its user-facing message, and when to retry. */
    static MailboxFault of(MailException error) {
        MailboxFaultDetail detail = new MailboxFaultDetail();
        detail.setCode(FaultCode.valueOf(error.code().name()));
        detail.setMessage(error.getMessage());
        detail.setRetryable(error.code().retryable());
        // Whole seconds, rounded up, so that a client waiting the advised time is never early.
        error.retryAfter().ifPresent(d -> detail.setRetryAfterSeconds(Math.max(1, (d.toMillis() + 999) / 1000)));
        if (error instanceof MailException.InvalidInput invalid) {
            detail.setField(invalid.field());
        }
        return new MailboxFault(error.getMessage(), detail);
    }

    /**
     * Adds a {@code MailboxFaultDetail} to a fault CXF raised itself. Before the operation ran, CXF only reads,
     * checks and dispatches the request, so such a fault is the request's: INVALID_INPUT (TOO_LARGE for a body cut
     * off by {@link RequestSizeLimit}) as a Client fault. After it ran, it is the gateway's: BACKEND_ERROR.
     */
    static void describe(Fault fault, boolean operationRan) {
        QName faultCode = fault.getFaultCode();
        boolean clientCode = faultCode != null && CLIENT_CODES.contains(faultCode.getLocalPart());
        ErrorCode code = clientCode || !operationRan ? ErrorCode.INVALID_INPUT : ErrorCode.BACKEND_ERROR;
        String message = fault.getMessage();
        for (Throwable t = fault; t != null; t = t.getCause()) {
            if (t instanceof RequestSizeLimit.TooLarge tooLarge) {
                code = ErrorCode.TOO_LARGE;
                message = tooLarge.getMessage();
                fault.setMessage(message);
            }
        }
        if (code.clientFault() && !clientCode) {
            fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
        }
        Element detail = fault.getOrCreateDetail();
        Element root = detail.getOwnerDocument().createElementNS(Ports.NAMESPACE, "MailboxFaultDetail");
        append(root, "code", code.name());
        append(root, "message", message == null ? "the request could not be processed" : message);
        append(root, "retryable", Boolean.toString(code.retryable()));
        detail.appendChild(root);
    }

    private static void append(Element parent, String name, String text) {
        Element child = parent.getOwnerDocument().createElementNS(Ports.NAMESPACE, name);
        child.setTextContent(text);
        parent.appendChild(child);
    }
}
