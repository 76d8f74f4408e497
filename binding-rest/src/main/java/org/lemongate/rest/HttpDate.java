package org.lemongate.rest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Sets the {@code Date} response header from a value formatted once per second. CXF would otherwise build a new
 * {@code SimpleDateFormat} for every response to write it, a fixed cost that showed in profiles of every request.
 */
final class HttpDate implements ContainerResponseFilter {

    private record Stamp(long second, String text) {
    }

    private volatile Stamp current = new Stamp(-1, "");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!response.getHeaders().containsKey(HttpHeaders.DATE)) {
            response.getHeaders().putSingle(HttpHeaders.DATE, now());
        }
    }

    private String now() {
        long second = System.currentTimeMillis() / 1000;
        Stamp stamp = current;
        if (stamp.second() != second) {
            stamp = new Stamp(second, DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC)));
            current = stamp;
        }
        return stamp.text();
    }
}
