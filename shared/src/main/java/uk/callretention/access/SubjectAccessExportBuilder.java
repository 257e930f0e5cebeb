package uk.callretention.access;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.AuditLog;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;
import uk.callretention.retention.Hold;
import uk.callretention.retention.Holds;

/**
 * Builds a subject access export: each recording's exact catalogued version, streamed into a zip in a work folder (so
 * no recording is held in memory), a machine-readable {@code manifest.json} and each recording's access history, then
 * stores the zip whole and only then says it is ready. A build that fails leaves the export failed, with the reason in
 * words, and no zip offered. Each recording copied is on its own trail (written before it is read), and the export on
 * its own.
 *
 * <p>The manifest and history hold nothing that leads to the caller (no number, no hash) and no member of staff's
 * identity: an access is its UK time, action, purpose and the role of whoever made it.
 */
public final class SubjectAccessExportBuilder {

    public static final String ACTOR = "system:export-subject-access";
    static final String FAILED_TO_BUILD = "The export could not be built: a recording or its history could not be read, or the zip could not be stored. "
            + "Nothing was offered for download; ask for the export again.";
    /** Outcomes that mean the access took place, or may have (a pending event's request may have acted). */
    private static final List<String> ACCESSED = List.of(AccessAudit.ALLOWED, AuditEvent.PENDING);

    private final AccessCatalogue catalogue;
    private final Holds holds;
    private final RecordingAudio audio;
    private final SubjectAccessExportRecords exports;
    private final SubjectAccessExportFiles files;
    private final AuditLog log;
    private final Clock clock;
    private final Path workFolder;

    public SubjectAccessExportBuilder(AccessCatalogue catalogue, Holds holds, RecordingAudio audio, SubjectAccessExportRecords exports,
                                      SubjectAccessExportFiles files, AuditLog log, Clock clock, Path workFolder) {
        this.catalogue = catalogue;
        this.holds = holds;
        this.audio = audio;
        this.exports = exports;
        this.files = files;
        this.log = log;
        this.clock = clock;
        this.workFolder = workFolder;
    }

    /** Builds the export if it is still building; empty when there is no such export, or it was built before (a redelivery). */
    public Optional<SubjectAccessExport> build(String exportId) {
        Optional<SubjectAccessExport> found = exports.find(exportId).filter(export -> export.state() == SubjectAccessExport.State.BUILDING);
        return found.map(this::build);
    }

    private SubjectAccessExport build(SubjectAccessExport building) {
        Instant madeAt = clock.instant();
        List<AuditEvent> copies = new ArrayList<>();
        SubjectAccessExport finished;
        Path zip = null;
        try {
            zip = Files.createTempFile(workFolder, "export-", ".zip");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                write(building, madeAt, out, copies);
            }
            files.put(building, zip);
            finished = building.ready();
        } catch (IOException | RuntimeException e) {
            files.delete(building);
            finished = building.failed(FAILED_TO_BUILD);
        } finally {
            deleteQuietly(zip);
        }
        String outcome = finished.state() == SubjectAccessExport.State.READY ? AccessAudit.ALLOWED : AccessAudit.FAILED;
        copies.forEach(copy -> log.complete(copy, outcome));
        log.record(event(building.auditSubject(), null, building, outcome, madeAt, Map.of("recordings", Integer.toString(copies.size()))));
        exports.change(building, finished);
        return finished;
    }

    private void write(SubjectAccessExport export, Instant madeAt, ZipOutputStream zip, List<AuditEvent> copies) throws IOException {
        List<Map<String, Object>> recordings = new ArrayList<>();
        List<Map<String, Object>> notIncluded = new ArrayList<>();
        for (String recordingId : export.recordingIds()) {
            Optional<CatalogueEntry> found = catalogue.find(recordingId).filter(entry -> entry.objectKey() != null && entry.state() != RecordingState.DELETED);
            if (found.isEmpty()) {
                notIncluded.add(Map.of("recordingId", recordingId, "reason", "deleted after the export was asked for"));
                continue;
            }
            CatalogueEntry entry = found.get();
            List<AuditEvent> history = log.trailOf(recordingId);
            String file = "recordings/" + RecordingMedia.fileName(entry);
            AuditEvent copy = event(recordingId, entry.versionId(), export, AuditEvent.PENDING, madeAt, Map.of("exportId", export.exportId()));
            log.record(copy);
            copies.add(copy);
            zip.putNextEntry(new ZipEntry(file));
            try (InputStream source = audio.open(entry)) {
                source.transferTo(zip);
            }
            zip.closeEntry();
            recordings.add(manifestEntry(entry, file, history));
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("export", exportFacts(export, madeAt, recordings.size()));
        manifest.put("recordings", recordings);
        manifest.put("notIncluded", notIncluded);
        zip.putNextEntry(new ZipEntry("manifest.json"));
        zip.write(JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(manifest).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static Map<String, Object> exportFacts(SubjectAccessExport export, Instant madeAt, int included) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("exportId", export.exportId());
        json.put("council", export.council());
        json.put("from", export.from().toString());
        json.put("to", export.to().toString());
        json.put("reference", export.reference());
        json.put("askedAt", ukTime(export.askedAt()));
        json.put("madeAt", ukTime(madeAt));
        json.put("deletedAfter", ukTime(export.expiresAt()));
        json.put("recordings", included);
        return json;
    }

    private Map<String, Object> manifestEntry(CatalogueEntry entry, String file, List<AuditEvent> history) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("recordingId", entry.recordingId());
        if (entry.recordedAt() != null) {
            json.put("recordedAt", ukTime(entry.recordedAt()));
        }
        putIfPresent(json, "recordedOn", entry.recordedOn());
        json.put("team", entry.team());
        json.put("channel", entry.channel());
        if (entry.duration() != null) {
            json.put("durationSeconds", entry.duration().toMillis() / 1000.0);
        }
        putIfPresent(json, "retentionClass", entry.retentionClass());
        putIfPresent(json, "expiresOn", entry.expiresOn());
        json.put("holds", holds.on(entry.recordingId()).stream().filter(Hold::active).map(SubjectAccessExportBuilder::hold).toList());
        json.put("file", file);
        json.put("accesses", history.stream().filter(event -> ACCESSED.contains(event.outcome())).map(SubjectAccessExportBuilder::access).toList());
        return json;
    }

    /** A hold's reason and dates; who placed it is a member of staff, so not named. */
    private static Map<String, Object> hold(Hold hold) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reason", hold.reason().id());
        json.put("placedAt", ukTime(hold.placedAt()));
        json.put("reviewOn", hold.reviewOn().toString());
        return json;
    }

    /** When and why the recording was accessed, and in which role: never who. */
    private static Map<String, Object> access(AuditEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", ukTime(event.at()));
        json.put("action", event.action().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        putIfPresent(json, "purpose", event.purpose());
        json.put("role", roleOf(event));
        return json;
    }

    /**
     * The role of whoever made the access: from the standing the access API records on every event about a recording,
     * {@code system} for scheduled work, and {@code unknown} for an event that says neither.
     */
    static String roleOf(AuditEvent event) {
        if (event.actor() != null && event.actor().startsWith("system:")) {
            return "system";
        }
        String standing = event.details().getOrDefault("standing", "");
        return switch (standing) {
            case "dpo" -> Role.DPO.id();
            case "manager" -> Role.MANAGER.id();
            case "team_staff", "team_staff_no_playback" -> Role.STAFF.id();
            default -> "unknown";
        };
    }

    private AuditEvent event(String subject, String versionId, SubjectAccessExport export, String outcome, Instant at, Map<String, String> details) {
        return new AuditEvent(UUID.randomUUID().toString(), at, subject, versionId, AuditAction.SUBJECT_ACCESS_EXPORTED, ACTOR, export.council(),
                null, export.reference(), outcome, details);
    }

    private static String ukTime(Instant instant) {
        return instant.atZone(RetentionSchedule.UK).toOffsetDateTime().toString();
    }

    private static void putIfPresent(Map<String, Object> json, String name, Object value) {
        if (value != null) {
            json.put(name, value.toString());
        }
    }

    private static void deleteQuietly(Path zip) {
        if (zip == null) {
            return;
        }
        try {
            Files.deleteIfExists(zip);
        } catch (IOException e) {
            // /tmp is the function's own and emptied with it; a zip left there is never offered to anyone.
        }
    }
}
