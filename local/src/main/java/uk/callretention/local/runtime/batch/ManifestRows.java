package uk.callretention.local.runtime.batch;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects of an S3BatchOperations_CSV_20180820 manifest, read in full before any task runs, as S3 Batch
 * Operations does while the job is Preparing: a row it cannot read fails the job with the row's line number.
 * Keys stay URL-encoded, as the manifest gives them and the function receives them.
 */
final class ManifestRows {
    private ManifestRows() {
    }

    /** One object: {@code key} URL-encoded as in the manifest, {@code versionId} null when the manifest has none. */
    record Row(String bucket, String key, String versionId) {
    }

    /** @throws IllegalArgumentException naming the line and what is wrong with it */
    static List<Row> parse(String manifest, List<String> fields) {
        List<Row> rows = new ArrayList<>();
        String[] lines = manifest.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty() && i == lines.length - 1) {
                break;
            }
            rows.add(row(lines[i], i + 1, fields));
        }
        return rows;
    }

    private static Row row(String line, int number, List<String> fields) {
        List<String> values;
        try {
            values = Csv.parse(line);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("manifest line " + number + " is not CSV: " + e.getMessage());
        }
        if (values.size() != fields.size()) {
            throw new IllegalArgumentException("manifest line " + number + " has " + values.size() + " fields where the job's Fields "
                    + fields + " expect " + fields.size());
        }
        String bucket = values.get(fields.indexOf("Bucket"));
        String key = values.get(fields.indexOf("Key"));
        int versionAt = fields.indexOf("VersionId");
        String versionId = versionAt < 0 || values.get(versionAt).isEmpty() ? null : values.get(versionAt);
        if (bucket.isEmpty() || key.isEmpty()) {
            throw new IllegalArgumentException("manifest line " + number + " has an empty " + (bucket.isEmpty() ? "Bucket" : "Key"));
        }
        try {
            URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("manifest line " + number + ": the key is not URL-encoded (" + e.getMessage() + ")");
        }
        return new Row(bucket, key, versionId);
    }
}
