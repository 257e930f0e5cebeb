package uk.callretention.audit;

/** What a day's digest seals of one event: its place in its chain (which covers every other field) and its outcome. */
public record AuditEntry(String subject, long sequence, String hash, String outcome) {
}
