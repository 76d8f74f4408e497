package org.lemongate.bench;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP/1.1 GET the way a download tool (curl, wget, a file manager) does it: one blocking socket read on the
 * caller's thread into a reused buffer, the body counted and discarded ({@link BlockingHttp#download}). The JDK
 * {@code HttpClient} hands every piece from its selector thread to a worker and on to the caller, which on a 2-core
 * machine costs a fifth of the CPU of a 20 MB download; this client costs almost nothing, so what it measures is
 * the server.
 *
 * <p>One connection per download ({@code Connection: close}), as curl run once per file makes. Only a body with a
 * Content-Length is accepted: both servers measured send one for a file or message.
 */
final class StreamingGet {

    private final byte[] buffer;

    /** @param bufferBytes the size of the reused read buffer */
    StreamingGet(int bufferBytes) {
        this.buffer = new byte[bufferBytes];
    }

    /**
     * GETs the URL and reads the whole body; fails unless the status is 200 and both the Content-Length and the
     * bytes received equal {@code size}.
     *
     * @param authorization the Authorization header's value, or null for none
     */
    void get(URI url, String authorization, long size) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Connection", "close");
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        BlockingHttp.Download d;
        try (BlockingHttp http = new BlockingHttp(url)) {
            d = http.download(url, headers, buffer);
        }
        if (d.status() != 200) {
            throw new IOException(url + ": status " + d.status());
        }
        if (d.contentLength() != size || d.received() != size) {
            throw new IOException(url + ": Content-Length " + d.contentLength() + ", " + d.received()
                    + " bytes read, expected " + size);
        }
    }
}
