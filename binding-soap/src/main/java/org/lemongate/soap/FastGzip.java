package org.lemongate.soap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;

import org.apache.cxf.helpers.CastUtils;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * gzip for replies larger than a threshold, for clients that send {@code Accept-Encoding: gzip}. The XML goes
 * through zlib at {@link Deflater#BEST_SPEED} (CXF's own GZIPOutInterceptor compresses at the default level, which
 * for a 100 KB message in base64 took longer than the whole operation); inline base64 content is coded by
 * {@link Base64AwareGzip} in about a quarter of zlib's time, to about the size of the bytes it encodes (ADR 0024).
 */
final class FastGzip extends AbstractPhaseInterceptor<Message> {

    private final int threshold;

    FastGzip(int threshold) {
        super(Phase.PREPARE_SEND);
        this.threshold = threshold;
    }

    @Override
    public void handleMessage(Message message) {
        Message request = message.getExchange() == null ? null : message.getExchange().getInMessage();
        if (request == null || !acceptsGzip(request)) {
            return;
        }
        OutputStream out = message.getContent(OutputStream.class);
        if (out != null) {
            message.setContent(OutputStream.class, new ThresholdGzip(out, message, threshold));
        }
    }

    private static boolean acceptsGzip(Message request) {
        Map<String, List<String>> headers = CastUtils.cast((Map<?, ?>) request.get(Message.PROTOCOL_HEADERS));
        if (headers == null) {
            return false;
        }
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase("Accept-Encoding") && h.getValue() != null) {
                for (String value : h.getValue()) {
                    for (String coding : value.split(",")) {
                        String[] parts = coding.split(";");
                        String name = parts[0].strip().toLowerCase(Locale.ROOT);
                        boolean refused = parts.length > 1 && parts[1].replace(" ", "").matches("q=0(\\.0*)?");
                        if ((name.equals("gzip") || name.equals("x-gzip")) && !refused) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** Holds the first bytes back; past the threshold it announces gzip and compresses everything from the start. */
    private static final class ThresholdGzip extends OutputStream {
        private final OutputStream target;
        private final Message message;
        private final int threshold;
        private ByteArrayOutputStream held = new ByteArrayOutputStream();
        private OutputStream gzip;

        ThresholdGzip(OutputStream target, Message message, int threshold) {
            this.target = target;
            this.message = message;
            this.threshold = threshold;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (gzip != null) {
                gzip.write(b, off, len);
                return;
            }
            held.write(b, off, len);
            if (held.size() > threshold) {
                startGzip();
            }
        }

        private void startGzip() throws IOException {
            Map<String, List<String>> headers = CastUtils.cast((Map<?, ?>) message.get(Message.PROTOCOL_HEADERS));
            if (headers == null) {
                headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                message.put(Message.PROTOCOL_HEADERS, headers);
            }
            headers.put("Content-Encoding", new ArrayList<>(List.of("gzip")));
            headers.computeIfAbsent("Vary", k -> new ArrayList<>()).add("Accept-Encoding");
            gzip = new Base64AwareGzip(target);
            held.writeTo(gzip);
            held = null;
        }

        @Override
        public void flush() throws IOException {
            if (gzip != null) {
                gzip.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (gzip != null) {
                gzip.close();
            } else {
                held.writeTo(target);
                target.close();
            }
        }
    }
}
