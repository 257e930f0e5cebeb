package uk.callretention.local.runtime;

import java.util.concurrent.ThreadFactory;

/** Threads that do not keep the JVM alive: the runtime stops what it started when closed, and Ctrl-C stops the rest. */
public record DaemonThreads(String name) implements ThreadFactory {
    @Override
    public Thread newThread(Runnable runnable) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
