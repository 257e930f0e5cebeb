package uk.callretention.audit;

import java.time.LocalDate;
import java.util.List;

/** The whole events of one UK day, read through the day's index without scanning the trail. */
public interface AuditEventsByDay {

    List<AuditEvent> eventsOn(LocalDate ukDay);
}
