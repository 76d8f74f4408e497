package org.lemongate.mapping.imap;

import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageStructure;

/** Streams raw messages and decoded parts by partial FETCH. (Being implemented.) */
final class ContentReader {

    private final Imap imap;
    private final int chunk;

    ContentReader(Imap imap, int chunk) {
        this.imap = imap;
        this.chunk = chunk;
    }

    Content raw(MessageRef ref, ByteRange range) {
        throw new UnsupportedOperationException("raw");
    }

    Content part(MessageStructure structure, String partId, ByteRange range) {
        throw new UnsupportedOperationException("part");
    }
}
