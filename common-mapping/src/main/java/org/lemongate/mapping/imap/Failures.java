package org.lemongate.mapping.imap;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

import org.eclipse.angus.mail.iap.BadCommandException;
import org.eclipse.angus.mail.iap.CommandFailedException;
import org.eclipse.angus.mail.iap.ConnectionException;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.lemongate.mapping.MailException;

/**
 * Turns what Jakarta Mail's IMAP protocol layer throws into the mapping layer's typed errors. The one place where
 * IMAP response codes (RFC 5530) are interpreted.
 */
final class Failures {

    /** Advice for clients after the backend failed: long enough for a restart, short enough for a phone. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private Failures() {
    }

    /** Whether the connection that produced {@code e} must be thrown away. */
    static boolean breaksConnection(ProtocolException e) {
        return e instanceof ConnectionException || !(e instanceof CommandFailedException
                || e instanceof BadCommandException);
    }

    /** Whether the command failed because the server did not answer within the read timeout. */
    static boolean isTimeout(ProtocolException e) {
        Response r = e.getResponse();
        Exception cause = r == null ? null : r.getException();
        return cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException;
    }

    /**
     * Translates a failed IMAP command.
     *
     * @param e    what the protocol layer threw
     * @param what what the command was for, as words completing "could not ..." (e.g. "open mailbox 'X'")
     */
    static MailException translate(ProtocolException e, String what) {
        Response r = e.getResponse();
        if (e instanceof ConnectionException || r == null || r.isBYE()) {
            if (isTimeout(e)) {
                return timeout(e);
            }
            return new MailException.BackendUnavailable("the IMAP server closed the connection while trying to "
                    + what + "; retry shortly", RETRY_AFTER, false, e);
        }
        String text = serverText(r);
        String code = responseCode(text);
        if (e instanceof BadCommandException) {
            return new MailException.BackendError("the IMAP server rejected the command to " + what
                    + " as invalid: " + text, e);
        }
        return switch (code) {
            case "NONEXISTENT", "TRYCREATE" -> new MailException.NotFound("could not " + what + ": it does not exist");
            case "ALREADYEXISTS" -> new MailException.AlreadyExists("could not " + what + ": it exists already");
            case "OVERQUOTA" -> new MailException.OverQuota("could not " + what + ": the mailbox is over quota");
            case "NOPERM" -> new MailException.Forbidden("could not " + what + ": permission denied by the server");
            case "AUTHENTICATIONFAILED", "AUTHORIZATIONFAILED", "EXPIRED" ->
                    new MailException.AuthFailed("the IMAP server rejected the user name or password");
            case "UNAVAILABLE", "INUSE", "SERVERBUG" -> new MailException.BackendUnavailable("could not " + what
                    + ": the IMAP server is temporarily unable to (" + text + ")", RETRY_AFTER, false, e);
            case "LIMIT" -> new MailException.RateLimited("could not " + what + ": the IMAP server reports a limit ("
                    + text + ")", RETRY_AFTER);
            case "CANNOT", "CLIENTBUG", "PARSE", "BADCHARSET" ->
                    new MailException.InvalidInput("request", "could not " + what + ": " + text);
            default -> new MailException.BackendError("could not " + what + ": the IMAP server said " + text, e);
        };
    }

    /** Translates a failure to connect to, or greet with, a server. */
    static MailException translate(IOException e, String server) {
        if (e instanceof javax.net.ssl.SSLException) {
            // Not retryable: a certificate or protocol mismatch stays until an operator fixes the configuration.
            return new MailException.BackendError("the TLS handshake with the " + server + " failed ("
                    + e.getMessage() + "); check the gateway's trust store and the server's certificate", e);
        }
        if (e instanceof SocketTimeoutException) {
            return new MailException.BackendUnavailable("the " + server + " did not answer in time; retry shortly",
                    RETRY_AFTER, true, e);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new MailException.BackendUnavailable("cannot connect to the " + server
                    + " (connection refused or unreachable); retry shortly", RETRY_AFTER, false, e);
        }
        if (e instanceof UnknownHostException) {
            return new MailException.BackendUnavailable("cannot resolve the " + server + "'s host name",
                    RETRY_AFTER, false, e);
        }
        return new MailException.BackendUnavailable("the connection to the " + server + " failed; retry shortly",
                RETRY_AFTER, false, e);
    }

    private static MailException timeout(Exception e) {
        return new MailException.BackendUnavailable("the IMAP server did not answer in time; retry shortly",
                RETRY_AFTER, true, e);
    }

    /** The RFC 5530 response code at the start of a server's text, upper case, or "". */
    static String responseCode(String text) {
        if (!text.startsWith("[")) {
            return "";
        }
        int end = text.indexOf(']');
        int sp = text.indexOf(' ');
        int stop = sp > 0 && sp < end ? sp : end;
        return stop > 1 ? text.substring(1, stop).toUpperCase(Locale.ROOT) : "";
    }

    /** The human part of a response, safe to show: printable characters only, at most 200 of them. */
    static String serverText(Response r) {
        String rest = r == null || r.getRest() == null ? "" : r.getRest();
        StringBuilder b = new StringBuilder(Math.min(rest.length(), 200));
        for (int i = 0; i < rest.length() && b.length() < 200; i++) {
            char c = rest.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return b.toString().strip();
    }
}
