package uk.callretention.bench.runner.snapshot;

import java.util.ArrayList;
import java.util.List;

/** The global context the resources register with, in order. */
public class Context {
    private final List<Resource> resources = new ArrayList<>();

    public synchronized void register(Resource resource) {
        resources.add(resource);
    }

    synchronized List<Resource> resources() {
        return List.copyOf(resources);
    }
}
