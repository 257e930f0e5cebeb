package uk.callretention.local.runtime;

import uk.callretention.local.aws.LocalAwsException;
import uk.callretention.local.aws.MotoServer;

/** The runtime's loopback ports, checked before anything starts so a taken one fails with its name and variable. */
public final class Ports {
    private Ports() {
    }

    /** Port 0 (any free port) always passes. */
    public static void requireFree(int port, String what, String variable) {
        if (port == 0) {
            return;
        }
        try {
            MotoServer.requireFree(port);
        } catch (LocalAwsException e) {
            throw inUse(port, what, variable);
        }
    }

    public static LocalRuntimeException inUse(int port, String what, String variable) {
        return new LocalRuntimeException("port " + port + " for " + what + " is already in use on 127.0.0.1: stop what listens there,"
                + " or set " + variable + " to another port");
    }
}
