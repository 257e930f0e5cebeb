package uk.callretention.retention;

/** Whether the invocation must stop taking on work now, so that what it started can finish before Lambda stops it. */
@FunctionalInterface
public interface Deadline {

    Deadline NONE = () -> false;

    boolean isNear();
}
