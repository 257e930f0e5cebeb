package uk.callretention.bench.runner.snapshot;

/** A resource's beforeCheckpoint failed: SnapStart would fail the version's publication. */
public class CheckpointException extends Exception {
    public CheckpointException(Throwable cause) {
        super(cause);
    }
}
