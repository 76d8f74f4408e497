package org.lemongate.soap;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.lemongate.mapping.ErrorCode;

/**
 * Answers a request for a path below {@code /soap} that is none of the ports with a NOT_FOUND Client fault that
 * names the ports, where CXF would send an HTML page.
 */
final class EndpointGuard implements Filter {

    private static final Set<String> PORTS =
            Ports.ALL.stream().map(Ports.Port::address).collect(Collectors.toUnmodifiableSet());
    private static final String NAMES = "/soap/mail (SOAP 1.1), /soap/mail12 (SOAP 1.2) and /soap/mail-mtom (MTOM)";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (PORTS.contains(http.getPathInfo())) {
            chain.doFilter(request, response);
            return;
        }
        FaultReply.write(http, (HttpServletResponse) response, HttpServletResponse.SC_NOT_FOUND, ErrorCode.NOT_FOUND,
                "there is no SOAP endpoint at " + http.getRequestURI() + "; the endpoints are " + NAMES
                        + ", each with its WSDL at ?wsdl");
    }
}
