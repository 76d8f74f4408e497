package org.lemongate.rest;

import java.util.Set;

import org.lemongate.mapping.MailGateway;

import jakarta.ws.rs.core.Application;

/** The JAX-RS application: the resources, the authentication filter, JSON and the error mappers. */
final class RestApplication extends Application {

    private final Set<Object> singletons;

    RestApplication(MailGateway gateway) {
        singletons = Set.of(
                new ServiceResource(),
                new MailboxesResource(),
                new MessagesResource(),
                new Authentication(gateway),
                Json.provider(),
                new MailProblems(),
                new HttpProblems(),
                new JsonProblems(),
                new UnexpectedProblems());
    }

    @Override
    public Set<Object> getSingletons() {
        return singletons;
    }
}
