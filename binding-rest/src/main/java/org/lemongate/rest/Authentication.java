package org.lemongate.rest;

import org.lemongate.mapping.BasicAuthorization;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailGateway;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Logs every matched request in with its HTTP Basic credentials and leaves the account on the request for the
 * resources. It runs after matching, so an unknown route or a wrong method is answered without touching IMAP; the
 * OpenAPI document is the one resource served without credentials.
 */
@Priority(Priorities.AUTHENTICATION)
final class Authentication implements ContainerRequestFilter {

    private static final String ACCOUNT = Authentication.class.getName() + ".account";
    private static final String CREDENTIALS = Authentication.class.getName() + ".credentials";

    private final MailGateway gateway;

    @Context
    private HttpServletRequest request;
    @Context
    private ResourceInfo resource;

    Authentication(MailGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        if (OpenApiResource.isPublic(resource.getResourceClass())) {
            return;
        }
        String header = context.getHeaderString(HttpHeaders.AUTHORIZATION);
        Credentials credentials = BasicAuthorization.parse(header, request.getRemoteAddr())
                .orElseThrow(() -> new MailException.AuthFailed(
                        "this API needs your mail account's user name and password (HTTP Basic)"));
        request.setAttribute(ACCOUNT, gateway.login(credentials));
        request.setAttribute(CREDENTIALS, credentials);
    }

    /** The credentials the request was authenticated with, for watchers and event tickets; never logged. */
    static Credentials credentials(HttpServletRequest request) {
        Object credentials = request.getAttribute(CREDENTIALS);
        if (credentials == null) {
            throw new IllegalStateException("resource reached without authentication");
        }
        return (Credentials) credentials;
    }

    /** The account the request was authenticated as. */
    static MailAccount account(HttpServletRequest request) {
        Object account = request.getAttribute(ACCOUNT);
        if (account == null) {
            throw new IllegalStateException("resource reached without authentication");
        }
        return (MailAccount) account;
    }
}
