package uk.callretention.bench.runner.snapshot;

/** What org.crac's compatibility layer registers each of its resources as: called by name, the context ignored. */
public interface Resource {

    void beforeCheckpoint(Context context) throws Exception;

    void afterRestore(Context context) throws Exception;
}
