package uk.callretention.policy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.zip.CRC32;
import uk.callretention.recording.Channel;
import uk.callretention.training.CutFill;

/**
 * The policy book as the build compiles it from the checked {@code policies/*.yaml}, so that a
 * function reads its policies with {@code java.io} alone instead of a YAML parser at every cold
 * start. Periods a notice leaves to a setting are kept as the setting (name, default and the
 * place in the file that names it) and chosen from the reader's settings, with the same checks
 * and wording as reading the YAML.
 *
 * <p>The file is a magic number and format version, the councils, and a CRC-32 of all that: a
 * file of another format, cut short or altered is refused whole, never read in part.
 */
final class CompiledPolicyBook {

    /** "CRPB": call retention policy book. */
    private static final int MAGIC = 0x43525042;
    /** Raise on any change to what is written: a jar built with another format is refused, not misread. */
    static final int FORMAT = 2;
    /** What to do about a compiled book that is missing or cannot be read. */
    static final String REBUILD = "rebuild with Maven (the build of shared checks policies/*.yaml and compiles them into it)";

    private CompiledPolicyBook() {
    }

    static byte[] write(PolicyBook book) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(book.councils().size());
            for (CouncilPolicy council : book.councils()) {
                writeCouncil(council, book.settablePeriods(council.id()), out);
            }
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write to memory", e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param name     the file's name, for messages
     * @param settings the deployment settings for periods a notice leaves to the council
     * @throws PolicyValidationException when a setting has a value its rule does not allow
     * @throws IllegalStateException     when the file is not a whole compiled book of this format
     */
    static PolicyBook read(String name, byte[] compiled, Map<String, String> settings) {
        if (compiled.length < 12) {
            throw new IllegalStateException(name + " is cut short (" + compiled.length + " bytes): " + REBUILD);
        }
        if (intAt(compiled, 0) != MAGIC) {
            throw new IllegalStateException(name + " is not a compiled policy book: " + REBUILD);
        }
        int format = intAt(compiled, 4);
        if (format != FORMAT) {
            throw new IllegalStateException(name + " is of format " + format + " but this code reads format " + FORMAT + ": " + REBUILD);
        }
        CRC32 crc = new CRC32();
        crc.update(compiled, 0, compiled.length - 4);
        if ((int) crc.getValue() != intAt(compiled, compiled.length - 4)) {
            throw new IllegalStateException(name + " is cut short or altered (its checksum does not match): " + REBUILD);
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(compiled, 8, compiled.length - 12));
        List<PolicyProblem> problems = new ArrayList<>();
        List<CouncilPolicy> councils = new ArrayList<>();
        Map<String, List<SettablePeriod>> settable = new LinkedHashMap<>();
        try {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                List<SettablePeriod> periods = new ArrayList<>();
                Optional<CouncilPolicy> council = readCouncil(in, settings, periods, problems);
                if (council.isPresent()) {
                    councils.add(council.get());
                    settable.put(council.get().id(), periods);
                }
            }
            if (in.available() > 0) {
                throw new IOException(in.available() + " bytes left over after the last council");
            }
        } catch (IOException | RuntimeException e) {
            // Only a file this code did not write gets here: its checksum matched but its content does not.
            throw new IllegalStateException(name + " cannot be read (" + e + "): " + REBUILD, e);
        }
        return PolicyBook.of(councils, settable, problems);
    }

    private static int intAt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) << 24 | (bytes[offset + 1] & 0xff) << 16 | (bytes[offset + 2] & 0xff) << 8 | bytes[offset + 3] & 0xff;
    }

    private static void writeCouncil(CouncilPolicy council, List<SettablePeriod> settable, DataOutputStream out) throws IOException {
        out.writeUTF(council.id());
        out.writeUTF(council.name());
        out.writeInt(council.version());
        out.writeUTF(council.notice().title());
        out.writeUTF(council.notice().date());
        out.writeUTF(council.notice().seed());
        out.writeInt(council.channels().size());
        for (Map.Entry<Channel, Map<String, Team>> channel : council.channels().entrySet()) {
            out.writeUTF(channel.getKey().id());
            out.writeInt(channel.getValue().size());
            for (Team team : new TreeMap<>(channel.getValue()).values()) {
                out.writeUTF(team.id());
                out.writeUTF(team.name());
                out.writeLong(team.recordingBegan().toEpochDay());
            }
        }
        out.writeInt(council.retention().size());
        for (int index = 0; index < council.retention().size(); index++) {
            int rule = index;
            writeRule(council.retention().get(index), settable.stream().filter(period -> period.rule() == rule).findFirst(), out);
        }
        writeSorted(council.purposes(), Purpose::id, out);
        writeSorted(council.holdReasons(), HoldReason::id, out);
        writePeriod(council.maxHoldReviewInterval(), out);
        out.writeLong(council.playback().urlLifetime().getSeconds());
        out.writeInt(council.playback().urlLifetime().getNano());
        out.writeInt(council.playback().maxUrlsPerUserPerHour());
        out.writeBoolean(council.playback().accessRequestsRequired());
        writeInOrder(council.legalBases(), out);
        writePeriod(council.trainingCopies().period().period(), out);
        out.writeUTF(council.trainingCopies().fill().name());
    }

    private static void writeRule(RetentionRule rule, Optional<SettablePeriod> settable, DataOutputStream out) throws IOException {
        out.writeBoolean(settable.isPresent());
        if (settable.isPresent()) {
            SettablePeriod period = settable.get();
            out.writeUTF(period.setting());
            writePeriod(period.fallback().period(), out);
            out.writeUTF(period.file());
            out.writeInt(period.line());
            out.writeUTF(period.field());
        } else {
            writePeriod(rule.period().period(), out);
        }
        out.writeLong(rule.effectiveFrom().toEpochDay());
        out.writeBoolean(rule.effectiveUntil().isPresent());
        if (rule.effectiveUntil().isPresent()) {
            out.writeLong(rule.effectiveUntil().get().toEpochDay());
        }
        writeSorted(rule.channels(), Channel::id, out);
        writeSorted(rule.teams(), Function.identity(), out);
    }

    /** As listed in the file, where the order is the council's. */
    private static void writeInOrder(List<String> texts, DataOutputStream out) throws IOException {
        out.writeInt(texts.size());
        for (String text : texts) {
            out.writeUTF(text);
        }
    }

    private static void writePeriod(Period period, DataOutputStream out) throws IOException {
        out.writeInt(period.getYears());
        out.writeInt(period.getMonths());
        out.writeInt(period.getDays());
    }

    /** Sorted, so that the same files always compile to the same bytes, whatever order a set iterates in. */
    private static <T> void writeSorted(Collection<T> items, Function<T, String> text, DataOutputStream out) throws IOException {
        out.writeInt(items.size());
        for (String item : items.stream().map(text).sorted().toList()) {
            out.writeUTF(item);
        }
    }

    /** The council, or empty when a setting it uses has a wrong value (reported in problems). */
    // Reading runs at every cold start: plain loops, where a lambda would cost a class spun at run time.

    /** The council, or empty when a setting it uses has a wrong value (reported in problems). */
    private static Optional<CouncilPolicy> readCouncil(
            DataInputStream in, Map<String, String> settings, List<SettablePeriod> settable, List<PolicyProblem> problems) throws IOException {
        String id = in.readUTF();
        String name = in.readUTF();
        int version = in.readInt();
        Notice notice = new Notice(in.readUTF(), in.readUTF(), in.readUTF());
        Map<Channel, Map<String, Team>> channels = new EnumMap<>(Channel.class);
        int channelCount = in.readInt();
        for (int i = 0; i < channelCount; i++) {
            Channel channel = Channel.fromId(in.readUTF()).orElseThrow();
            Map<String, Team> teams = new LinkedHashMap<>();
            int teamCount = in.readInt();
            for (int j = 0; j < teamCount; j++) {
                Team team = new Team(in.readUTF(), in.readUTF(), LocalDate.ofEpochDay(in.readLong()));
                teams.put(team.id(), team);
            }
            channels.put(channel, teams);
        }
        List<RetentionRule> retention = new ArrayList<>();
        int ruleCount = in.readInt();
        for (int index = 0; index < ruleCount; index++) {
            Optional<RetentionRule> rule = readRule(in, index, settings, settable, problems);
            if (rule.isPresent()) {
                retention.add(rule.get());
            }
        }
        Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
        for (String purpose : readTexts(in)) {
            purposes.add(Purpose.fromId(purpose).orElseThrow());
        }
        Set<HoldReason> holdReasons = EnumSet.noneOf(HoldReason.class);
        for (String holdReason : readTexts(in)) {
            holdReasons.add(HoldReason.fromId(holdReason).orElseThrow());
        }
        Period maxHoldReviewInterval = readPeriod(in);
        Playback playback = new Playback(Duration.ofSeconds(in.readLong(), in.readInt()), in.readInt(), in.readBoolean());
        List<String> legalBases = readTexts(in);
        TrainingCopies trainingCopies = new TrainingCopies(new RetentionClass(readPeriod(in)), CutFill.valueOf(in.readUTF()));
        if (retention.size() < ruleCount) {
            return Optional.empty();
        }
        return Optional.of(new CouncilPolicy(id, name, version, notice, channels, retention, purposes, holdReasons,
                maxHoldReviewInterval, playback, legalBases, trainingCopies));
    }

    /** The rule, or empty when its period is a setting with a wrong value (reported in problems). */
    private static Optional<RetentionRule> readRule(DataInputStream in, int index, Map<String, String> settings,
            List<SettablePeriod> settable, List<PolicyProblem> problems) throws IOException {
        Optional<RetentionClass> period;
        Optional<String> setting;
        if (in.readBoolean()) {
            SettablePeriod fromSetting =
                    new SettablePeriod(index, in.readUTF(), new RetentionClass(readPeriod(in)), in.readUTF(), in.readInt(), in.readUTF());
            settable.add(fromSetting);
            period = fromSetting.choose(settings, new Problems(fromSetting.file(), problems));
            setting = Optional.of(fromSetting.setting());
        } else {
            period = Optional.of(new RetentionClass(readPeriod(in)));
            setting = Optional.empty();
        }
        LocalDate from = LocalDate.ofEpochDay(in.readLong());
        Optional<LocalDate> until = in.readBoolean() ? Optional.of(LocalDate.ofEpochDay(in.readLong())) : Optional.empty();
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (String channel : readTexts(in)) {
            channels.add(Channel.fromId(channel).orElseThrow());
        }
        List<String> teams = readTexts(in);
        if (period.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RetentionRule(period.get(), setting, from, until, channels, Set.copyOf(teams)));
    }

    private static Period readPeriod(DataInputStream in) throws IOException {
        return Period.of(in.readInt(), in.readInt(), in.readInt());
    }

    private static List<String> readTexts(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(in.readUTF());
        }
        return texts;
    }
}
