package org.lemongate.mapping;

/**
 * A registration for {@link ChangeSignal}s from {@link MailGateway#watch}. Closing it stops the signals; the last
 * subscription of a user closes that user's watcher connection. Closing twice does nothing.
 */
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
