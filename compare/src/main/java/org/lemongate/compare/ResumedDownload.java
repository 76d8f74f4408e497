package org.lemongate.compare;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.function.Supplier;

/**
 * A download over HTTP that loses its connection halfway and picks up with {@code Range: bytes=N-}. A server that
 * answers the range with 200 instead of 206 sends everything again, and the client starts over, as it must.
 */
final class ResumedDownload {

    private ResumedDownload() {
    }

    /**
     * @param request      a new request for the content each time it is called
     * @param cutAt        content bytes read before the connection is cut
     * @param wholeMessage whether the content is the whole message file
     */
    static Download run(HttpTransport http, Latencies latencies, Supplier<HttpRequest.Builder> request, long cutAt,
                        boolean wholeMessage) throws Exception {
        MessageDigest[] digest = {Downloads.sha256()};
        long[] declared = {-1};
        long first = latencies.time(() -> {
            HttpResponse<InputStream> cut = http.stream(request.get().GET().build());
            declared[0] = cut.headers().firstValueAsLong("Content-Length").orElse(-1);
            try (InputStream body = cut.body()) {
                return Downloads.read(body, digest[0], cutAt);
            }
        });
        boolean[] restarted = {false};
        long rest = latencies.time(() -> {
            HttpResponse<InputStream> resumed = http.stream(request.get().header("Range", "bytes=" + first + "-")
                    .GET().build());
            if (resumed.statusCode() != 206) {
                digest[0] = Downloads.sha256();
                restarted[0] = true;
            }
            try (InputStream body = resumed.body()) {
                return Downloads.read(body, digest[0], Long.MAX_VALUE);
            }
        });
        return restarted[0]
                ? new Download(rest, Downloads.hex(digest[0]), wholeMessage,
                        "the gateway serves no range of this content, so the download restarted from the beginning",
                        declared[0])
                : new Download(first + rest, Downloads.hex(digest[0]), wholeMessage, "", declared[0]);
    }
}
