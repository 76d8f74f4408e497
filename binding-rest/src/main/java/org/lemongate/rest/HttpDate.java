package org.lemongate.rest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.apache.cxf.jaxrs.interceptor.JAXRSOutInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageContentsList;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Puts the {@code Date} header, formatted once per second, on the resource's response before CXF writes the headers.
 * CXF otherwise formats it with a new {@code SimpleDateFormat} for every response, before any JAX-RS response filter
 * runs (so a filter cannot spare that cost): about 3-5% of a request's CPU time in profiles of the gateway.
 */
final class HttpDate extends AbstractPhaseInterceptor<Message> {

    private record Stamp(long second, String text) {
    }

    /** RFC 9110's IMF-fixdate: unlike {@code RFC_1123_DATE_TIME}, it writes the day of the month in two digits. */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private volatile Stamp current = new Stamp(-1, "");

    HttpDate() {
        super(Phase.MARSHAL);
        addBefore(JAXRSOutInterceptor.class.getName());
    }

    @Override
    public void handleMessage(Message message) {
        MessageContentsList contents = MessageContentsList.getContentsList(message);
        if (contents != null && !contents.isEmpty() && contents.get(0) instanceof Response response
                && !response.getMetadata().containsKey(HttpHeaders.DATE)) {
            response.getMetadata().putSingle(HttpHeaders.DATE, now());
        }
    }

    /** The current second in RFC 9110's IMF-fixdate form, e.g. {@code Mon, 30 Nov 2026 09:00:00 GMT}. */
    String now() {
        long second = System.currentTimeMillis() / 1000;
        Stamp stamp = current;
        if (stamp.second() != second) {
            stamp = new Stamp(second, format(second));
            current = stamp;
        }
        return stamp.text();
    }

    static String format(long epochSecond) {
        return IMF_FIXDATE.format(Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC));
    }
}
