package org.lemongate.rest;

import java.util.Set;

import org.lemongate.mapping.MailGateway;

/** What the JAX-RS application is made of: the resources, the authentication filter, JSON and the error mappers. */
final class RestApplication {

    private RestApplication() {
    }

    /** The singletons serving one gateway. */
    static Set<Object> components(MailGateway gateway, Push push) {
        return Set.of(
                new ChangesResource(push),
                new ServiceResource(push.settings()),
                new MailboxesResource(),
                new MessagesResource(),
                new MessageResource(),
                new BatchResource(),
                new SubmissionsResource(),
                new OpenApiResource(),
                new Authentication(gateway),
                new BodyLimit(),
                new FormLimit(),
                new Gzip(),
                Json.provider(),
                new MailProblems(),
                new HttpProblems(),
                new JsonProblems(),
                new UnexpectedProblems());
    }
}
