package org.lemongate.mapping;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The typed failure of a mapping-layer operation. Bindings translate {@link #code()} once, in one place each.
 * Messages are written for the person using the client: they say what was wrong and never carry credentials,
 * stack traces or raw IMAP protocol text beyond a short server reason.
 */
public abstract sealed class MailException extends RuntimeException
        permits MailException.AuthFailed, MailException.Forbidden, MailException.NotFound,
        MailException.StaleState, MailException.AlreadyExists, MailException.InvalidInput,
        MailException.TooLarge, MailException.OverQuota, MailException.RateLimited,
        MailException.BackendUnavailable, MailException.BackendError {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    MailException(ErrorCode code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause, false, false);
        this.code = code;
    }

    /** The taxonomy entry of this failure. */
    public ErrorCode code() {
        return code;
    }

    /** For retryable failures, how long the client should wait before trying again. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /** Bad or missing credentials. */
    public static final class AuthFailed extends MailException {
        private static final long serialVersionUID = 1L;

        public AuthFailed(String message) {
            super(ErrorCode.AUTH_FAILED, message, null);
        }
    }

    /** The server refused the operation for this user. */
    public static final class Forbidden extends MailException {
        private static final long serialVersionUID = 1L;

        public Forbidden(String message) {
            super(ErrorCode.FORBIDDEN, message, null);
        }
    }

    /** A mailbox, message or part that does not exist. */
    public static final class NotFound extends MailException {
        private static final long serialVersionUID = 1L;

        public NotFound(String message) {
            super(ErrorCode.NOT_FOUND, message, null);
        }
    }

    /** An identifier or token issued under a UIDVALIDITY the mailbox no longer has. */
    public static sealed class StaleState extends MailException permits ResyncRequired {
        private static final long serialVersionUID = 1L;

        public StaleState(String message) {
            super(ErrorCode.STALE_STATE, message, null);
        }
    }

    /**
     * The changes since a sync token cannot be computed: the client must drop what it holds for the mailbox (or the
     * mailbox list) and fetch it again from a new token. Code {@link ErrorCode#STALE_STATE}.
     */
    public static final class ResyncRequired extends StaleState {
        private static final long serialVersionUID = 1L;
        private final Reason reason;

        public ResyncRequired(Reason reason, String message) {
            super(message);
            this.reason = Objects.requireNonNull(reason, "reason");
        }

        /** Why the changes cannot be computed. */
        public Reason reason() {
            return reason;
        }

        /** Why a resynchronisation is needed. */
        public enum Reason {
            /** The mailbox was recreated or renumbered (UIDVALIDITY changed). */
            UIDVALIDITY_CHANGED,
            /** The server no longer has the state the token names (restored, or its change log was reset). */
            TOKEN_TOO_OLD,
            /** The token carries too little for this server to compute the changes (see ADR 0061). */
            NOT_COMPUTABLE
        }
    }

    /** The target exists already. */
    public static final class AlreadyExists extends MailException {
        private static final long serialVersionUID = 1L;

        public AlreadyExists(String message) {
            super(ErrorCode.ALREADY_EXISTS, message, null);
        }
    }

    /** Malformed or out-of-range input; {@link #field()} names the offending argument. */
    public static final class InvalidInput extends MailException {
        private static final long serialVersionUID = 1L;
        private final String field;

        public InvalidInput(String field, String message) {
            super(ErrorCode.INVALID_INPUT, message, null);
            this.field = Objects.requireNonNull(field, "field");
        }

        /** The name of the argument that was rejected, e.g. {@code mailbox} or {@code pageSize}. */
        public String field() {
            return field;
        }
    }

    /** Input larger than a configured limit. */
    public static final class TooLarge extends MailException {
        private static final long serialVersionUID = 1L;
        private final long limit;

        public TooLarge(String message, long limit) {
            super(ErrorCode.TOO_LARGE, message, null);
            this.limit = limit;
        }

        /** The limit, in bytes or items, that was exceeded. */
        public long limit() {
            return limit;
        }
    }

    /** The server's quota does not allow the data. */
    public static final class OverQuota extends MailException {
        private static final long serialVersionUID = 1L;

        public OverQuota(String message) {
            super(ErrorCode.OVER_QUOTA, message, null);
        }
    }

    /** Refused to protect the backend; retry after {@link #retryAfter()}. */
    public static final class RateLimited extends MailException {
        private static final long serialVersionUID = 1L;
        private final Duration retryAfter;

        public RateLimited(String message, Duration retryAfter) {
            super(ErrorCode.RATE_LIMITED, message, null);
            this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.of(retryAfter);
        }
    }

    /**
     * The backend could not be reached or did not answer in time. {@link #timeout()} tells a timeout (REST maps
     * it to 504) from a refused or dropped connection (503).
     */
    public static final class BackendUnavailable extends MailException {
        private static final long serialVersionUID = 1L;
        private final Duration retryAfter;
        private final boolean timeout;

        public BackendUnavailable(String message, Duration retryAfter, boolean timeout, Throwable cause) {
            super(ErrorCode.BACKEND_UNAVAILABLE, message, cause);
            this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
            this.timeout = timeout;
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.of(retryAfter);
        }

        /** True when the backend accepted the connection but did not answer within the configured timeout. */
        public boolean timeout() {
            return timeout;
        }
    }

    /** The backend answered with an error that fits no other code. */
    public static final class BackendError extends MailException {
        private static final long serialVersionUID = 1L;

        public BackendError(String message, Throwable cause) {
            super(ErrorCode.BACKEND_ERROR, message, cause);
        }
    }
}
