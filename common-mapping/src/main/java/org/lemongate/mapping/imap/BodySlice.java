package org.lemongate.mapping.imap;

import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;

/**
 * The bytes of a FETCH response's BODY item, in place: the response owns its buffer, so the stream can serve from it
 * without copying a chunk of up to the partial-fetch size once more.
 *
 * @param array  the response's buffer
 * @param offset where the body starts in it
 * @param length how many bytes it has
 */
record BodySlice(byte[] array, int offset, int length) {

    static final BodySlice EMPTY = new BodySlice(new byte[0], 0, 0);

    /** The BODY item of the response, or {@link #EMPTY} when it has none. */
    static BodySlice of(FetchResponse f) {
        BODY body = f.getItem(BODY.class);
        ByteArray ba = body == null ? null : body.getByteArray();
        return ba == null ? EMPTY : new BodySlice(ba.getBytes(), ba.getStart(), ba.getCount());
    }
}
