package uk.callretention.local.runtime;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the runtime has started, closed newest first. Once closed (Ctrl-C in the middle of start-up), anything
 * started after is closed at once and start-up stops, so nothing is left running.
 */
public final class Closer implements AutoCloseable {
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private boolean closed;

    /** @throws LocalRuntimeException when the runtime is already stopping */
    public <T extends AutoCloseable> T add(T resource) {
        synchronized (this) {
            if (!closed) {
                started.push(resource);
                return resource;
            }
        }
        closeQuietly(resource);
        throw new LocalRuntimeException("stopped during start-up");
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        while (true) {
            AutoCloseable next;
            synchronized (this) {
                next = started.poll();
            }
            if (next == null) {
                return;
            }
            closeQuietly(next);
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            RuntimeLog.error("while stopping: " + e.getMessage());
        }
    }
}
