package org.lemongate.rest;

import org.lemongate.mapping.MailException;

/** A boolean query parameter, spelled {@code true} or {@code false} and nothing else. */
final class Switch {

    private Switch() {
    }

    /**
     * Reads {@code value}, or gives {@code absent} when the parameter was not sent.
     *
     * @throws MailException.InvalidInput naming {@code name} for any other spelling
     */
    static boolean parse(String name, String value, boolean absent) {
        if (value == null) {
            return absent;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new MailException.InvalidInput(name, name + " must be true or false, was '" + value + "'");
        };
    }
}
