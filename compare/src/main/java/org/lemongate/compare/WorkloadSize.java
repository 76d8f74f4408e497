package org.lemongate.compare;

/**
 * How big the workload's mailbox is. The standard day is {@link #STANDARD}; tests run a smaller one.
 *
 * @param messages        messages in the mailbox before the day starts, the large one included
 * @param attachmentBytes the large attachment's decoded size
 */
public record WorkloadSize(int messages, int attachmentBytes) {

    /** 1,000 messages and a 5 MB attachment. */
    public static final WorkloadSize STANDARD = new WorkloadSize(1000, 5_000_000);

    /** Enough messages for every step to pick distinct ones: 20 opened, 20 flagged, 5 moved, 5 deleted, 1 large. */
    public static final int MIN_MESSAGES = 51;
    private static final int MAX_MESSAGES = 100_000;
    private static final int MIN_ATTACHMENT = 1024;
    private static final int MAX_ATTACHMENT = 40_000_000;

    /** Checks the bounds. */
    public WorkloadSize {
        if (messages < MIN_MESSAGES || messages > MAX_MESSAGES) {
            throw new IllegalArgumentException("--messages must be between " + MIN_MESSAGES + " and " + MAX_MESSAGES
                    + ", not " + messages);
        }
        if (attachmentBytes < MIN_ATTACHMENT || attachmentBytes > MAX_ATTACHMENT) {
            throw new IllegalArgumentException("--attachment-size must be between " + MIN_ATTACHMENT + " and "
                    + MAX_ATTACHMENT + " bytes, not " + attachmentBytes);
        }
    }
}
