package org.lemongate.compare;

import java.util.List;

/**
 * One way of reaching the mailbox — a binding of the gateway, or IMAP itself — as a mobile client would use it: each
 * operation is what that protocol offers for the job at its best (batches where it has them). Every request goes
 * through the client's {@link CountingRelay} and is timed in the {@link Latencies} it is given.
 */
interface MailClient extends AutoCloseable {

    /** The name in reports: {@code IMAP}, {@code REST}, {@code SOAP}, {@code WebDAV}. */
    String name();

    /** All traffic so far, counted at this client's sockets. */
    Traffic traffic();

    /**
     * Lists the folders with their counts (initial sync only) and the summaries of every message in {@code folder}.
     */
    List<MessageHandle> sync(Latencies latencies, String folder, boolean initial) throws Exception;

    /** How the incremental sync brings the listing up to date, for the report: by token, delta or relisting. */
    String incrementalSync();

    /** Opens a message to read it: its content as a reader sees it; returns the bytes received. */
    long open(Latencies latencies, MessageHandle message) throws Exception;

    /**
     * Downloads the attachment (part 2) of the message, cutting the connection after {@code cutAt} content bytes and
     * resuming from where it stopped.
     */
    Download download(Latencies latencies, MessageHandle message, long cutAt) throws Exception;

    /** Sets the flagged flag on the messages. */
    void flag(Latencies latencies, List<MessageHandle> messages) throws Exception;

    /** Moves the messages to the target folder. */
    void move(Latencies latencies, List<MessageHandle> messages, String target) throws Exception;

    /** Deletes the messages for good. */
    void delete(Latencies latencies, List<MessageHandle> messages) throws Exception;

    /**
     * Sends a message.
     *
     * @throws NotAvailable when this client has no way to send, or no SMTP server was given
     */
    void send(Latencies latencies, byte[] message) throws Exception;

    /**
     * Starts watching the folder for new messages by push.
     *
     * @throws NotAvailable when this binding has no push transport
     */
    PushWatch watch(String folder) throws Exception;

    @Override
    void close();
}
