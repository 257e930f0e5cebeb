package uk.callretention.testsupport;

/**
 * The function's process dying before an AWS call: an {@link Error}, so no {@code catch (RuntimeException)} in the
 * code under test mistakes it for a failure it can handle, and every later call in the same run fails too.
 */
public final class ProcessCrash extends Error {

    ProcessCrash(int call, String operation) {
        super("the process died before call " + call + " (" + operation + ")");
    }
}
