package uk.callretention.bench.runner.snapshot;

/** A resource's afterRestore failed: SnapStart would fail the restored environment's start. */
public class RestoreException extends Exception {
    public RestoreException(Throwable cause) {
        super(cause);
    }
}
