package uk.callretention.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Writes the console to its bucket and takes it away again. The bucket holds nothing else, so what it lists is what
 * an earlier publication wrote: a publication removes the files the new site no longer has (after writing the new
 * ones, so the site is never missing a file it names), and removal empties the bucket for the stack to delete it.
 */
final class SitePublisher {
    private final S3Client s3;

    SitePublisher(S3Client s3) {
        this.s3 = s3;
    }

    /** @return the keys removed because the new site no longer has them */
    List<String> publish(String bucket, List<SiteFile> files) {
        for (SiteFile file : files) {
            s3.putObject(put -> put.bucket(bucket).key(file.key()).contentType(file.contentType()).cacheControl(file.cacheControl()),
                    RequestBody.fromBytes(file.body()));
        }
        Set<String> published = files.stream().map(SiteFile::key).collect(Collectors.toSet());
        List<String> stale = keys(bucket).stream().filter(key -> !published.contains(key)).toList();
        stale.forEach(key -> s3.deleteObject(delete -> delete.bucket(bucket).key(key)));
        return stale;
    }

    /** @return how many files were removed; none when the bucket is already gone */
    int remove(String bucket) {
        List<String> keys;
        try {
            keys = keys(bucket);
        } catch (NoSuchBucketException e) {
            return 0;
        }
        keys.forEach(key -> s3.deleteObject(delete -> delete.bucket(bucket).key(key)));
        return keys.size();
    }

    private List<String> keys(String bucket) {
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(list -> list.bucket(bucket)).contents().stream().map(S3Object::key).forEach(keys::add);
        return keys;
    }
}
