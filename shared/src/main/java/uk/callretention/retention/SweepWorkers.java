package uk.callretention.retention;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The threads of one sweep run: shard readers, and a fixed number of workers for the calls each recording needs,
 * fed by the readers with at most {@code room} recordings in hand at a time, however many are due, so memory stays
 * bounded. A recording holds its place from the moment it is read until its work is over ({@link #release()}).
 *
 * <p>The first failure of any task stops the run: tasks not yet started are skipped, readers are let in no more,
 * and {@link #awaitIdle()} rethrows it. A recording left half done that way is finished by the next run, as after
 * a crash.
 */
final class SweepWorkers implements AutoCloseable {

    private final ExecutorService readers;
    private final ExecutorService threads;
    private final Semaphore room;
    private final AtomicInteger unfinishedTasks = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Object idle = new Object();

    SweepWorkers(String name, int readers, int threads, int room) {
        this.readers = Executors.newFixedThreadPool(readers, named(name + "-reader"));
        this.threads = Executors.newFixedThreadPool(threads, named(name + "-worker"));
        this.room = new Semaphore(room);
    }

    /** Runs the readers at once, on their own threads, and waits until all have finished; a failure is kept. */
    void readAll(List<Runnable> shardReaders) {
        CountDownLatch finished = new CountDownLatch(shardReaders.size());
        for (Runnable reader : shardReaders) {
            readers.execute(() -> {
                try {
                    reader.run();
                } catch (Throwable e) {
                    fail(e);
                } finally {
                    finished.countDown();
                }
            });
        }
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        }
    }

    /**
     * Waits for room for one more recording; called by readers only, never by a worker, so workers never wait on
     * each other.
     *
     * @return {@code false} once a task has failed: the run is stopping
     */
    boolean admit() {
        try {
            while (!room.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                if (failed()) {
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
            return false;
        }
        if (failed()) {
            room.release();
            return false;
        }
        return true;
    }

    /** One recording's work is over: room for another. */
    void release() {
        room.release();
    }

    void execute(Runnable task) {
        unfinishedTasks.incrementAndGet();
        threads.execute(() -> {
            try {
                if (!failed()) {
                    task.run();
                }
            } catch (Throwable e) {
                fail(e);
            } finally {
                if (unfinishedTasks.decrementAndGet() == 0) {
                    synchronized (idle) {
                        idle.notifyAll();
                    }
                }
            }
        });
    }

    /** The first failure wins. */
    private void fail(Throwable e) {
        failure.compareAndSet(null, e);
    }

    boolean failed() {
        return failure.get() != null;
    }

    /** Waits until every task given so far has run (tasks may give more), then rethrows the first failure, if any. */
    void awaitIdle() {
        synchronized (idle) {
            while (unfinishedTasks.get() > 0) {
                try {
                    idle.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail(e);
                    break;
                }
            }
        }
        Throwable first = failure.get();
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
        if (first != null) {
            throw new IllegalStateException("the sweep was interrupted", first);
        }
    }

    @Override
    public void close() {
        readers.shutdownNow();
        threads.shutdownNow();
    }

    private static ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = Executors.defaultThreadFactory();
        return task -> {
            Thread thread = threads.newThread(task);
            thread.setName(name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
