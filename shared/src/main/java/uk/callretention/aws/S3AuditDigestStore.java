package uk.callretention.aws;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;
import uk.callretention.audit.AuditDigest;
import uk.callretention.audit.AuditDigestStore;
import uk.callretention.audit.ChainHead;
import uk.callretention.audit.StoredDigest;

/**
 * Digests in their own bucket, one JSON object per UK day ({@code digests/YYYY-MM-DD.json}). The bucket has Object
 * Lock with a default retention in compliance mode, so each version stays, unchanged and undeletable by anyone, the
 * root user included, for the audit retention period. A day is written only if it has no digest yet
 * ({@code If-None-Match: *}); verification reads each day's first version and counts any later one or delete marker.
 */
public final class S3AuditDigestStore implements AuditDigestStore {

    static final String PREFIX = "digests/";
    private static final Pattern KEY = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{4}-\\d{2}-\\d{2})\\.json");
    private static final int PRECONDITION_FAILED = 412;

    private final S3Client s3;
    private final String bucket;

    public S3AuditDigestStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public Optional<AuditDigest> latest() {
        String latestKey = null;
        for (var page : s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(PREFIX))) {
            for (var object : page.contents()) {
                if (KEY.matcher(object.key()).matches()) {
                    latestKey = object.key();
                }
            }
        }
        if (latestKey == null) {
            return Optional.empty();
        }
        String key = latestKey;
        return Optional.of(parse(s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray()));
    }

    @Override
    public boolean write(AuditDigest digest) {
        byte[] body = toJson(digest);
        try {
            // Content-MD5: S3 requires a checksum on any upload that Object Lock retains.
            s3.putObject(request -> request.bucket(bucket).key(keyOf(digest.day())).ifNoneMatch("*")
                    .contentType("application/json").contentMD5(md5(body)), RequestBody.fromBytes(body));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == PRECONDITION_FAILED) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<StoredDigest> all() {
        Map<String, List<ObjectVersion>> versionsByKey = new TreeMap<>();
        Map<String, Integer> deleteMarkers = new TreeMap<>();
        s3.listObjectVersionsPaginator(request -> request.bucket(bucket).prefix(PREFIX)).forEach(page -> {
            page.versions().forEach(version -> versionsByKey.computeIfAbsent(version.key(), key -> new ArrayList<>()).add(version));
            page.deleteMarkers().forEach(marker -> deleteMarkers.merge(marker.key(), 1, Integer::sum));
        });
        List<StoredDigest> digests = new ArrayList<>();
        versionsByKey.forEach((key, versions) -> {
            Matcher matcher = KEY.matcher(key);
            if (!matcher.matches()) {
                return;
            }
            ObjectVersion first = versions.stream().min((a, b) -> a.lastModified().compareTo(b.lastModified())).orElseThrow();
            AuditDigest digest;
            try {
                digest = parse(s3.getObjectAsBytes(request -> request.bucket(bucket).key(key).versionId(first.versionId())).asByteArray());
            } catch (IllegalArgumentException | DateTimeException e) {
                digest = null;
            }
            digests.add(new StoredDigest(LocalDate.parse(matcher.group(1)), digest, versions.size() + deleteMarkers.getOrDefault(key, 0)));
        });
        return digests;
    }

    static String keyOf(LocalDate day) {
        return PREFIX + day + ".json";
    }

    private static byte[] toJson(AuditDigest digest) {
        Map<String, Object> heads = new TreeMap<>();
        digest.heads().forEach((subject, head) -> heads.put(subject, Map.of("sequence", head.sequence(), "hash", head.hash())));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("day", digest.day().toString());
        json.put("previousHash", digest.previousHash());
        json.put("events", digest.events());
        json.put("eventsHash", digest.eventsHash());
        json.put("heads", heads);
        json.put("hash", digest.hash());
        try {
            return JSON.std.asBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("a digest is plain data", e);
        }
    }

    private static AuditDigest parse(byte[] body) {
        try {
            Map<String, Object> json = JSON.std.mapFrom(body);
            Map<String, ChainHead> heads = new TreeMap<>();
            ((Map<?, ?>) json.get("heads")).forEach((subject, head) -> {
                Map<?, ?> fields = (Map<?, ?>) head;
                heads.put((String) subject, new ChainHead(((Number) fields.get("sequence")).longValue(), (String) fields.get("hash")));
            });
            return new AuditDigest(LocalDate.parse((String) json.get("day")), (String) json.get("previousHash"), heads,
                    ((Number) json.get("events")).intValue(), (String) json.get("eventsHash"), (String) json.get("hash"));
        } catch (IOException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("not a digest", e);
        }
    }

    private static String md5(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has MD5", e);
        }
    }
}
