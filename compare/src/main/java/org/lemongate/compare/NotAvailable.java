package org.lemongate.compare;

/**
 * A step this client cannot do at all (WebDAV has no submission, a binding has no push yet) or that this run cannot
 * measure (no SMTP server was given): reported as such, never as a number.
 */
final class NotAvailable extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean measurable;

    private NotAvailable(String reason, boolean measurable) {
        super(reason, null, false, false);
        this.measurable = measurable;
    }

    /** The client has no way to do this at all. */
    static NotAvailable inClient(String reason) {
        return new NotAvailable(reason, false);
    }

    /** The client could, but this run lacks what it needs to measure it. */
    static NotAvailable inThisRun(String reason) {
        return new NotAvailable(reason, true);
    }

    StepResult.Status status() {
        return measurable ? StepResult.Status.NOT_MEASURED : StepResult.Status.NOT_AVAILABLE;
    }
}
