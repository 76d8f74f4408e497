package org.lemongate.rest;

import java.util.List;

import org.lemongate.mapping.Address;
import org.lemongate.mapping.Composition;

/**
 * The JSON body of a composed submission ({@code application/json}, or the {@code message} part of a
 * {@code multipart/form-data} upload). Addresses are objects with {@code email} and an optional {@code name}, as in
 * message summaries; validation is {@link Composition}'s, so errors name the member at fault.
 */
record Compose(Address from, List<Address> to, List<Address> cc, List<Address> bcc, String subject, String text,
               String html, String inReplyTo, List<String> references) {

    Composition composition() {
        return new Composition(from, to, cc, bcc, subject, text, html, inReplyTo, references);
    }
}
