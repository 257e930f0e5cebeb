package uk.callretention.bench.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CracTest {

    private static final List<String> CALLS = new ArrayList<>();

    /** Held, as org.crac holds resources weakly, the way a function's factory holds its priming hook. */
    private static final Resource FIRST = hook("first");
    private static final Resource SECOND = hook("second");

    @BeforeAll
    static void installBeforeOrgCracLoads() {
        Crac.install();
    }

    @Test
    void checkpointRestore_whenHooksRegisteredWithOrgCrac_runsThemAsSnapStartDoes() throws Exception {
        Core.getGlobalContext().register(FIRST);
        Core.getGlobalContext().register(SECOND);

        int ran = Crac.checkpointRestore(getClass().getClassLoader());

        assertThat(ran).isEqualTo(2);
        assertThat(CALLS).containsExactly("second before checkpoint", "first before checkpoint", "first after restore", "second after restore");
    }

    private static Resource hook(String name) {
        return new Resource() {
            @Override
            public void beforeCheckpoint(Context<? extends Resource> context) {
                CALLS.add(name + " before checkpoint");
            }

            @Override
            public void afterRestore(Context<? extends Resource> context) {
                CALLS.add(name + " after restore");
            }
        };
    }
}
