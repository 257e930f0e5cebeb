package uk.callretention.local.runtime;

import java.io.UncheckedIOException;
import uk.callretention.local.aws.LocalAwsException;
import uk.callretention.local.template.UnsupportedTemplateException;

/** One line for a person about why start-up failed: the message of a known failure, never a stack trace. */
public final class StartupErrors {
    private StartupErrors() {
    }

    public static String describe(RuntimeException failure) {
        if (failure instanceof LocalRuntimeException || failure instanceof LocalAwsException || failure instanceof UnsupportedTemplateException
                || failure instanceof IllegalArgumentException) {
            return failure.getMessage();
        }
        if (failure instanceof UncheckedIOException io) {
            return io.getMessage() + ": " + io.getCause().getMessage();
        }
        return "unexpected " + failure + (failure.getCause() == null ? "" : " (caused by " + failure.getCause() + ")");
    }
}
