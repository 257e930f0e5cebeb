package uk.callretention.local.runtime.function;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** A function's log lines on the runtime's standard output, each prefixed with the function's name. */
final class FunctionLogger implements LambdaLogger {
    private final String prefix;

    FunctionLogger(String functionName) {
        this.prefix = "[" + functionName + "] ";
    }

    @Override
    public void log(String message) {
        String line = message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
        System.out.println(prefix + line);
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }
}
