package org.lemongate.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * An event-stream subscriber that holds no thread: the HTTP client hands each line of the body to a callback as it
 * arrives, so thousands of streams cost one selector thread in the benchmark's JVM, not one thread each.
 */
final class EventLines implements AutoCloseable {

    private final CompletableFuture<HttpResponse<Void>> response;
    private volatile Flow.Subscription subscription;

    private EventLines(HttpClient http, HttpRequest request, Consumer<String> lines) {
        Flow.Subscriber<String> subscriber = new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String line) {
                lines.accept(line);
            }

            @Override
            public void onError(Throwable error) {
                lines.accept(": ended " + error);
            }

            @Override
            public void onComplete() {
                lines.accept(": ended");
            }
        };
        this.response = http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(subscriber));
    }

    /** Opens {@code /api/v1/events} below {@code base} with this query and Basic credentials. */
    static EventLines open(HttpClient http, URI base, String query, String authorization, Consumer<String> lines) {
        return new EventLines(http, HttpRequest.newBuilder(base.resolve("api/v1/events?" + query))
                .header("Authorization", authorization).build(), lines);
    }

    @Override
    public void close() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        response.cancel(true);
    }
}
