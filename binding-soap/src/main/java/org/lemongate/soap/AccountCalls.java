package org.lemongate.soap;

import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailGateway;
import org.lemongate.soap.wire.MailboxFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one SOAP operation as the request's caller: logs in, applies the work, and turns whatever goes wrong into
 * the contract's fault. Wire input is read inside the work, so a bad argument becomes an INVALID_INPUT fault too.
 */
final class AccountCalls {

    private static final Logger LOG = LoggerFactory.getLogger(AccountCalls.class);
    private static final String OPERATION_RAN = AccountCalls.class.getName() + ".operationRan";

    /** An operation's work on the caller's account. */
    @FunctionalInterface
    interface Work<T> {
        T apply(MailAccount account);
    }

    /** Work that also needs the caller's credentials, e.g. to watch a mailbox. */
    @FunctionalInterface
    interface CallerWork<T> {
        T apply(Credentials credentials, MailAccount account);
    }

    private final MailGateway gateway;

    AccountCalls(MailGateway gateway) {
        this.gateway = gateway;
    }

    <T> T run(Work<T> work) throws MailboxFault {
        return runAsCaller((credentials, account) -> work.apply(account));
    }

    <T> T runAsCaller(CallerWork<T> work) throws MailboxFault {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        message.getExchange().put(OPERATION_RAN, Boolean.TRUE);
        try {
            Credentials credentials = Authentication.credentials(message);
            return work.apply(credentials, gateway.login(credentials));
        } catch (MailException e) {
            throw Faults.of(e);
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    /** The fault for an error that is a defect, not a user error: logged, and reported without its details. */
    static MailboxFault unexpected(RuntimeException e) {
        // The caller learns only that it happened; the log gets the cause's class and message (never a stack
        // trace, which could carry message content).
        LOG.error("SOAP operation failed unexpectedly: {}", e.toString());
        return Faults.of(new MailException.BackendError(
                "the gateway failed unexpectedly while handling this request; the error has been logged", e));
    }

    /** Whether the exchange's request got as far as an operation: faults before that are the request's. */
    static boolean operationRan(Exchange exchange) {
        return exchange != null && Boolean.TRUE.equals(exchange.get(OPERATION_RAN));
    }
}
