package uk.callretention.bench.runner.snapshot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A checkpoint and restore without the snapshot, for a JVM that has no CRaC of its own. {@code org.crac} (the library
 * the functions register their hooks with) keeps nothing on such a JVM unless told of an implementation: the runner
 * names this package in the system property {@code org.crac.Core.Compat}, which org.crac reads before looking for
 * {@code javax.crac} and {@code jdk.crac}. {@link #checkpointRestore} then calls the hooks as CRaC, and SnapStart, do:
 * every {@code beforeCheckpoint} in the reverse order of registration, then every {@code afterRestore} in order.
 */
public final class Core {
    public static final String PROPERTY = "org.crac.Core.Compat";
    private static final Context GLOBAL = new Context();

    private Core() {
    }

    public static Context getGlobalContext() {
        return GLOBAL;
    }

    public static void checkpointRestore() throws CheckpointException, RestoreException {
        List<Resource> resources = GLOBAL.resources();
        List<Resource> reversed = new ArrayList<>(resources);
        Collections.reverse(reversed);
        for (Resource resource : reversed) {
            try {
                resource.beforeCheckpoint(GLOBAL);
            } catch (Exception e) {
                throw new CheckpointException(e);
            }
        }
        for (Resource resource : resources) {
            try {
                resource.afterRestore(GLOBAL);
            } catch (Exception e) {
                throw new RestoreException(e);
            }
        }
    }

    /** How many resources registered: the hooks a checkpoint runs. */
    public static int registered() {
        return GLOBAL.resources().size();
    }
}
