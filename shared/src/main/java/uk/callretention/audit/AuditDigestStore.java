package uk.callretention.audit;

import java.util.List;
import java.util.Optional;

/** Where digests are kept, each written once and locked against change and deletion for the retention period. */
public interface AuditDigestStore {

    /** The digest of the latest day sealed so far. */
    Optional<AuditDigest> latest();

    /** @return false, writing nothing, when that day already has a digest (a retried or overlapping run) */
    boolean write(AuditDigest digest);

    /** Every digest, oldest day first, with how many times its day was written. */
    List<StoredDigest> all();
}
