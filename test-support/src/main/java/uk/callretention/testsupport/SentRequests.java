package uk.callretention.testsupport;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Registered for every SDK client in a test JVM (software/amazon/awssdk/global/handlers/execution.interceptors): keeps
 * each request handed to an HTTP client, its operation and address, so a test can say what reached a server.
 */
public final class SentRequests implements ExecutionInterceptor {

    /** One request as handed to the HTTP client. */
    public record Sent(String operation, URI uri) {
    }

    private static final List<Sent> SENT = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        SENT.add(new Sent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), request.getUri()));
    }

    /** The requests sent to {@code server} (its host and port) since {@link #clear()}. */
    public static List<Sent> to(URI server) {
        return SENT.stream().filter(sent -> at(sent, server)).toList();
    }

    /** The requests sent anywhere else since {@link #clear()}. */
    public static List<Sent> elsewhere(URI server) {
        return SENT.stream().filter(sent -> !at(sent, server)).toList();
    }

    private static boolean at(Sent sent, URI server) {
        return sent.uri().getHost().equals(server.getHost()) && sent.uri().getPort() == server.getPort();
    }

    public static void clear() {
        SENT.clear();
    }
}
