package uk.callretention.audit;

import java.time.LocalDate;
import java.util.List;

/** The chained events of one UK day, read without scanning the whole trail. */
public interface AuditDays {

    List<AuditEntry> entriesOn(LocalDate ukDay);
}
