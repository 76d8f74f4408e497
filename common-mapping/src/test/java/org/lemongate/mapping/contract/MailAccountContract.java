package org.lemongate.mapping.contract;

/**
 * The whole contract of {@link org.lemongate.mapping.MailAccount} and {@link org.lemongate.mapping.MailGateway}:
 * what every connector must do, whatever IMAP server it talks to. A test class runs it by implementing this
 * interface and {@link #backend()} (in the style of Apache James' contract interfaces). The parts are split by
 * subject only to keep each file readable.
 */
public interface MailAccountContract extends MailboxContract, MessageListContract, SearchContract,
        MessageContentContract, MessageChangeContract, MessageBatchContract, AccountContract, SubmissionContract,
        IsolationContract, ChangeTrackingContract {

    @Override
    MailBackend backend();
}
