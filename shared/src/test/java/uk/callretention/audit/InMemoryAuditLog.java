package uk.callretention.audit;

import java.util.ArrayList;
import java.util.List;

/** The trail in memory, keeping {@link AuditLog}'s promises: one write per event id, a pending event completed once. */
public final class InMemoryAuditLog implements AuditLog {

    private final List<AuditEvent> events = new ArrayList<>();
    private boolean refuseWrites;

    /** From now on every write throws, as when the audit table cannot be reached. */
    public void refuseWrites() {
        refuseWrites = true;
    }

    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public synchronized void record(AuditEvent event) {
        writable();
        if (events.stream().noneMatch(e -> e.eventId().equals(event.eventId()))) {
            events.add(event);
        }
    }

    @Override
    public synchronized void complete(AuditEvent event, String outcome) {
        writable();
        for (int i = 0; i < events.size(); i++) {
            AuditEvent stored = events.get(i);
            if (stored.eventId().equals(event.eventId()) && AuditEvent.PENDING.equals(stored.outcome())) {
                events.set(i, stored.completed(outcome));
                return;
            }
        }
        throw new IllegalStateException("not pending: " + event.eventId());
    }

    @Override
    public synchronized List<AuditEvent> trailOf(String subject) {
        return events.stream().filter(e -> e.subject().equals(subject)).toList();
    }

    private void writable() {
        if (refuseWrites) {
            throw new IllegalStateException("the audit table cannot be written");
        }
    }
}
