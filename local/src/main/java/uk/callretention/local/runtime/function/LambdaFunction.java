package uk.callretention.local.runtime.function;

import java.io.IOException;
import java.util.UUID;

/**
 * One function loaded in its own class loader, ready to invoke. Invocations run one at a time, as in one Lambda
 * execution environment, with the function's class loader as the thread's context class loader (the SDK finds
 * its HTTP client through it).
 */
public final class LambdaFunction implements AutoCloseable {
    private final FunctionSettings settings;
    private final FunctionClassLoader classLoader;
    private final Object handler;
    private final HandlerMethod method;
    private final FunctionLogger logger;

    LambdaFunction(FunctionSettings settings, FunctionClassLoader classLoader, Object handler, HandlerMethod method) {
        this.settings = settings;
        this.classLoader = classLoader;
        this.handler = handler;
        this.method = method;
        this.logger = new FunctionLogger(settings.logicalId());
    }

    public FunctionSettings settings() {
        return settings;
    }

    /**
     * @param event the event's JSON tree, as the event source sends it
     * @return the result's JSON tree
     * @throws FunctionFailedException when the handler throws; the caller decides what AWS would do next
     */
    public synchronized Object invoke(Object event) throws FunctionFailedException {
        String requestId = UUID.randomUUID().toString();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        try {
            return method.call(handler, event, LocalContext.start(requestId, settings, logger));
        } catch (Throwable failure) {
            if (failure instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            throw new FunctionFailedException(settings.logicalId(), requestId, failure);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Logs a failure as Lambda's log would show it: the request id, the error and the function's stack trace. */
    public void logFailure(String what, FunctionFailedException failure) {
        logger.log("ERROR " + what + " (request " + failure.requestId() + "): " + failure.getCause());
        for (StackTraceElement frame : failure.getCause().getStackTrace()) {
            logger.log("    at " + frame);
        }
    }

    @Override
    public void close() throws IOException {
        classLoader.close();
    }
}
