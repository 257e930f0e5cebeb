package uk.callretention.audit;

import java.util.List;
import java.util.Map;

/**
 * The whole audit trail as stored, read for verification.
 *
 * @param heads      subject to the head its chain's writers last agreed on
 * @param unreadable items that cannot be read as events at all, named by their keys
 */
public record StoredTrail(List<StoredAuditEvent> events, Map<String, ChainHead> heads, List<String> unreadable) {
}
