package uk.callretention.audit;

import java.time.LocalDate;

/**
 * A day's digest as found in the store.
 *
 * @param digest   null when what is stored cannot be read as a digest
 * @param versions how many times the day was written; a digest is written once
 */
public record StoredDigest(LocalDate day, AuditDigest digest, int versions) {
}
