package org.lemongate.soap;

import org.lemongate.mapping.MailException;
import org.lemongate.soap.wire.FaultCode;
import org.lemongate.soap.wire.MailboxFault;
import org.lemongate.soap.wire.MailboxFaultDetail;

/** The one translation of the mapping layer's errors into the contract's typed fault. */
final class Faults {

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
}
