package org.lemongate.soap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.lemongate.mapping.ErrorCode;

/**
 * A Client fault with the contract's detail, written by the servlet filters that answer before CXF sees the request,
 * in the SOAP version the request's Content-Type announces.
 */
final class FaultReply {

    private FaultReply() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response, int status, ErrorCode code,
                      String message) throws IOException {
        String text = escape(message);
        String detail = "<MailboxFaultDetail xmlns=\"" + Ports.NAMESPACE + "\"><code>" + code.name() + "</code><message>"
                + text + "</message><retryable>" + code.retryable() + "</retryable></MailboxFaultDetail>";
        boolean soap12 = String.valueOf(request.getContentType()).startsWith("application/soap+xml");
        String envelope = soap12
                ? "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body><env:Fault>"
                + "<env:Code><env:Value>env:Sender</env:Value></env:Code><env:Reason><env:Text xml:lang=\"en\">"
                + text + "</env:Text></env:Reason><env:Detail>" + detail
                + "</env:Detail></env:Fault></env:Body></env:Envelope>"
                : "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
                + "<faultcode>soap:Client</faultcode><faultstring>" + text + "</faultstring><detail>" + detail
                + "</detail></soap:Fault></soap:Body></soap:Envelope>";
        byte[] body = envelope.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType((soap12 ? "application/soap+xml" : "text/xml") + "; charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 ? ' ' : c);
            }
        }
        return out.toString();
    }
}
