package org.lemongate.mapping;

/**
 * The one error taxonomy of Lemongate. Each binding maps these codes once, to its own idiom
 * (problem+json status, SOAP fault code, WebDAV status); see {@code docs/errors.md}.
 */
public enum ErrorCode {
    /** Bad or missing credentials. */
    AUTH_FAILED(false),
    /** The user may not do this. */
    FORBIDDEN(false),
    /** Mailbox, message or part not found. */
    NOT_FOUND(false),
    /** The identifier or token refers to an older UIDVALIDITY: the client must resynchronise. */
    STALE_STATE(false),
    /** The mailbox (or other target) exists already. */
    ALREADY_EXISTS(false),
    /** The request itself is malformed or out of range. */
    INVALID_INPUT(false),
    /** The input exceeds a configured size limit. */
    TOO_LARGE(false),
    /** The IMAP server refused the data for lack of quota. */
    OVER_QUOTA(false),
    /** Too many failed logins or too many concurrent requests: retry after the advised delay. */
    RATE_LIMITED(true),
    /** The IMAP or SMTP server cannot be reached, closed the connection, or did not answer in time. */
    BACKEND_UNAVAILABLE(true),
    /** The IMAP or SMTP server answered with an error the gateway cannot classify further. */
    BACKEND_ERROR(false);

    private final boolean retryable;

    ErrorCode(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether repeating the same request later may succeed. */
    public boolean retryable() {
        return retryable;
    }

    /** Whether the fault lies with the client's request (SOAP "Client") rather than the server side. */
    public boolean clientFault() {
        return this != BACKEND_UNAVAILABLE && this != BACKEND_ERROR;
    }
}
