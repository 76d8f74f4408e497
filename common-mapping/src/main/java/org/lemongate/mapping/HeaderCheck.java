package org.lemongate.mapping;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Checks, as the bytes pass, that a CRLF-normalised message starts with an RFC 5322 header section: every line a
 * field ({@code Name: value}, the name printable ASCII without ':') or the folded continuation of one, no NUL byte,
 * ended by an empty line or by the end of the message, and at most {@link #MAX_HEADER_BYTES} long. The body is not
 * examined.
 */
final class HeaderCheck extends FilterOutputStream {

    /** Longest header section accepted; far above real messages, low enough to catch a missing blank line. */
    static final int MAX_HEADER_BYTES = 1024 * 1024;
    private static final int SNIPPET = 60;

    private final StringBuilder line = new StringBuilder(SNIPPET);
    private long headerBytes;
    private int lineNumber = 1;
    private boolean lineStart = true;
    private boolean inName;
    private int nameLength;
    private boolean badLine;
    private boolean done;

    HeaderCheck(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (!done) {
            inspect((byte) b);
        }
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len && !done; i++) {
            inspect(b[i]);
        }
        out.write(b, off, len);
    }

    private void inspect(byte b) {
        if (++headerBytes > MAX_HEADER_BYTES) {
            throw invalid("the header section is longer than " + MAX_HEADER_BYTES
                    + " bytes; is the empty line between header and body missing?");
        }
        if (b == 0) {
            throw invalid("line " + lineNumber + " contains a NUL byte, which a message header must not");
        }
        if (lineStart) {
            lineStart = false;
            line.setLength(0);
            if (b == '\r') {
                if (lineNumber == 1) {
                    throw invalid("line 1 is empty: a message must start with a header field such as 'From: ...'");
                }
                done = true;
                return;
            }
            if (b == ' ' || b == '\t') {
                if (lineNumber == 1) {
                    throw invalid("line 1 is not a header field: it starts with white space");
                }
            } else {
                inName = true;
                nameLength = 0;
            }
        }
        if (b == '\r') {
            endOfLine();
            return;
        }
        if (b == '\n') {
            lineNumber++;
            lineStart = true;
            return;
        }
        if (line.length() < SNIPPET) {
            line.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        } else if (badLine) {
            endOfLine();
        }
        if (inName) {
            if (b == ':') {
                inName = false;
                badLine |= nameLength == 0;
            } else if (b < 33 || b > 126) {
                badLine = true;
            } else {
                nameLength++;
            }
        }
    }

    private void endOfLine() {
        if (badLine || inName) {
            throw invalid("line " + lineNumber + " is not a header field ('Name: value'): '" + line + "'");
        }
    }

    /** Checks the last line when the message ends inside the header section. Does not close the target. */
    void finish() {
        if (!done && !lineStart) {
            endOfLine();
        }
    }

    private static MailException.InvalidInput invalid(String reason) {
        return new MailException.InvalidInput("message", reason);
    }
}
