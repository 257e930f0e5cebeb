package uk.callretention.tagging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Registered for every SDK client in the test JVM (software/amazon/awssdk/global/handlers/execution.interceptors):
 * records each AWS call the function makes, by operation name.
 */
public final class CallCounter implements ExecutionInterceptor {

    private static final List<String> CALLS = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        CALLS.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    static void reset() {
        CALLS.clear();
    }

    static List<String> calls() {
        return List.copyOf(CALLS);
    }
}
