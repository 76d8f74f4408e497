package org.lemongate.soap;

import java.util.Optional;

/**
 * A SOAP request as bytes on the wire, written by hand so that tests see exactly what a client sends.
 *
 * @param path        the endpoint path, e.g. {@code /soap/mail}
 * @param contentType the HTTP Content-Type
 * @param soapActionHeader the SOAPAction header (SOAP 1.1 only)
 * @param body        the envelope
 */
record SoapRequest(String path, String contentType, Optional<String> soapActionHeader, String body) {

    static final String NS = "urn:lemongate:mail:1";
    static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

    /** A SOAP 1.1 request for {@code operation} with the wrapper's children {@code content} (in prefix {@code m}). */
    static SoapRequest soap11(String operation, String content) {
        return new SoapRequest("/soap/mail", "text/xml; charset=UTF-8",
                Optional.of("\"" + NS + "#" + operation + "\""), envelope(SOAP11, operation, content));
    }

    /** The same over SOAP 1.2, whose action travels in the Content-Type. */
    static SoapRequest soap12(String operation, String content) {
        return new SoapRequest("/soap/mail12",
                "application/soap+xml; charset=UTF-8; action=\"" + NS + "#" + operation + "\"",
                Optional.empty(), envelope(SOAP12, operation, content));
    }

    /** Any body, as SOAP 1.1 with the given action. */
    static SoapRequest raw11(String operation, String body) {
        return new SoapRequest("/soap/mail", "text/xml; charset=UTF-8",
                Optional.of("\"" + NS + "#" + operation + "\""), body);
    }

    static String envelope(String soapNs, String operation, String content) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xmlns:s=\"" + soapNs + "\" xmlns:m=\"" + NS + "\"><s:Body>"
                + "<m:" + operation + ">" + content + "</m:" + operation + ">"
                + "</s:Body></s:Envelope>";
    }
}
