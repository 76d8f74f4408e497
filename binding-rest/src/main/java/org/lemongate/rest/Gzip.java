package org.lemongate.rest;

import java.io.IOException;
import java.util.Locale;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;

/**
 * Compresses JSON responses for clients that accept gzip (mobile traffic is expensive), at the fastest level with
 * pooled Deflaters ({@link GzipStream}). Message and part downloads
 * stay as they are: their ETags, lengths and byte ranges refer to the stored bytes.
 */
final class Gzip implements WriterInterceptor {

    @Context
    private HttpHeaders request;

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        boolean json = Json.isJson(context.getMediaType());
        context.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        if (!json || !acceptsGzip()) {
            context.proceed();
            return;
        }
        context.getHeaders().putSingle(HttpHeaders.CONTENT_ENCODING, "gzip");
        context.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        GzipStream gzip = new GzipStream(context.getOutputStream());
        context.setOutputStream(gzip);
        try {
            context.proceed();
            gzip.finish();
        } finally {
            gzip.release();
        }
    }

    private boolean acceptsGzip() {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT_ENCODING);
        if (accept == null) {
            return false;
        }
        for (String coding : accept.toLowerCase(Locale.ROOT).split(",")) {
            String[] parts = coding.strip().split(";");
            if (parts[0].strip().equals("gzip")) {
                return parts.length < 2 || !parts[1].replace(" ", "").matches("q=0(\\.0*)?");
            }
        }
        return false;
    }
}
