package org.lemongate.bench;

import java.io.InputStream;
import java.util.Arrays;

import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MessageRef;

/**
 * What the {@code bindings} mode's HTTP calls must return, checked once before measuring: both clients get the same
 * answers (the same bytes for REST; for SOAP the same length, as a MIME boundary may differ) and REST's raw download
 * is the message the mapping layer reads. The measured REST calls are then held to the same compressed lengths, so
 * that no client can be timed on a shorter or failed answer.
 */
final class BindingAnswers {

    private final long restListGzip;
    private final long restRawGzip;

    private BindingAnswers(long restListGzip, long restRawGzip) {
        this.restListGzip = restListGzip;
        this.restRawGzip = restRawGzip;
    }

    static BindingAnswers check(BindingCalls restJdk, BindingCalls restBlocking, BindingCalls soapJdk,
                                BindingCalls soapBlocking, long uidValidity, long uid, MailAccount account,
                                MessageRef ref) throws Exception {
        long listGzip = restJdk.restList(50, true);
        byte[] list = restJdk.lastDecodedBody();
        same("REST list-50, gzip length", listGzip, restBlocking.restList(50, true));
        same("REST list-50", list, restBlocking.lastDecodedBody());
        long rawGzip = restJdk.restRaw("INBOX", uidValidity, uid, true);
        byte[] raw = restJdk.lastDecodedBody();
        same("REST raw-100KB, wire length", rawGzip, restBlocking.restRaw("INBOX", uidValidity, uid, true));
        same("REST raw-100KB", raw, restBlocking.lastDecodedBody());
        try (Content c = account.openRaw(ref, ByteRange.ALL); InputStream in = c.stream()) {
            same("REST raw-100KB against the mapping layer", raw, in.readAllBytes());
        }
        soapJdk.soapList(50, true);
        soapBlocking.soapList(50, true);
        same("SOAP ListMessages length", soapJdk.lastDecodedBody().length, soapBlocking.lastDecodedBody().length);
        soapJdk.soapMime("INBOX", uidValidity, uid, true);
        soapBlocking.soapMime("INBOX", uidValidity, uid, true);
        same("SOAP GetMessageMime length", soapJdk.lastDecodedBody().length,
                soapBlocking.lastDecodedBody().length);
        return new BindingAnswers(listGzip, rawGzip);
    }

    /** A measured REST list call received the whole answer seen in the check. */
    void expectRestList(long received) {
        same("a measured REST list-50", restListGzip, received);
    }

    /** A measured REST download received the whole message seen in the check. */
    void expectRestRaw(long received) {
        same("a measured REST raw-100KB", restRawGzip, received);
    }

    private static void same(String what, long expected, long actual) {
        if (expected != actual) {
            throw new IllegalStateException(what + ": " + actual + " bytes where " + expected + " were expected");
        }
    }

    private static void same(String what, byte[] expected, byte[] actual) {
        if (!Arrays.equals(expected, actual)) {
            throw new IllegalStateException(what + ": the two answers differ (" + expected.length + " and "
                    + actual.length + " bytes)");
        }
    }
}
