package uk.callretention.bench.runner;

import java.lang.reflect.InvocationTargetException;
import uk.callretention.bench.runner.snapshot.Core;

/**
 * SnapStart's checkpoint and restore around a constructed handler, without the snapshot. {@link #install} must come
 * before the handler is constructed, so the {@code org.crac} its resources register with is told of
 * {@link Core}; {@link #checkpointRestore} then runs their hooks through {@code org.crac.Core.checkpointRestore()},
 * the same class the handler used (the harness puts org-crac on the classpath only when the function's jar has none,
 * so there is only ever one copy).
 */
final class Crac {

    private Crac() {
    }

    static void install() {
        System.setProperty(Core.PROPERTY, Core.class.getPackageName());
    }

    /** @return how many hooks ran; none when no org.crac is on the classpath */
    static int checkpointRestore(ClassLoader loader) throws Exception {
        Class<?> orgCrac;
        try {
            orgCrac = Class.forName("org.crac.Core", true, loader);
        } catch (ClassNotFoundException absent) {
            return 0;
        }
        try {
            orgCrac.getMethod("checkpointRestore").invoke(null);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        return Core.registered();
    }
}
