package org.lemongate.soap;

import org.apache.cxf.logging.FaultListener;
import org.apache.cxf.message.Message;
import org.lemongate.soap.wire.MailboxFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each fault in one line instead of CXF's default warning with a stack trace: a client's bad request or a
 * mailbox error is routine, and stack traces may carry request content.
 */
final class FaultLog implements FaultListener {

    private static final Logger LOG = LoggerFactory.getLogger(FaultLog.class);

    @Override
    public boolean faultOccurred(Exception exception, String description, Message message) {
        Throwable cause = exception.getCause();
        if (cause instanceof MailboxFault fault && fault.getFaultInfo() != null) {
            LOG.info("SOAP fault {}: {}", fault.getFaultInfo().getCode(), fault.getFaultInfo().getMessage());
        } else {
            LOG.info("SOAP request refused: {}", exception.getMessage());
        }
        return false;
    }
}
