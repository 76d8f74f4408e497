package org.lemongate.soap;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

import org.lemongate.mapping.MailException;

/** The contract's times: UTC {@code xs:dateTime} with milliseconds, e.g. {@code 2026-11-30T04:22:41.000Z}. */
final class Times {

    private static final DateTimeFormatter WIRE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DatatypeFactory FACTORY;

    static {
        try {
            FACTORY = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Times() {
    }

    static XMLGregorianCalendar toWire(Instant instant) {
        return FACTORY.newXMLGregorianCalendar(WIRE.format(instant.truncatedTo(ChronoUnit.MILLIS)));
    }

    /**
     * The instant a wire time names.
     *
     * @throws MailException.InvalidInput when the time has no time zone, which would make it ambiguous
     */
    static Instant fromWire(String field, XMLGregorianCalendar time) {
        if (time.getTimezone() == DatatypeConstants.FIELD_UNDEFINED) {
            throw new MailException.InvalidInput(field, field + " '" + time + "' has no time zone; use UTC, e.g. "
                    + "2026-11-30T04:22:41.000Z");
        }
        return time.toGregorianCalendar().toInstant();
    }
}
