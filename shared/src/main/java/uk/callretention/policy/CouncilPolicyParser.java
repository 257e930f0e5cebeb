package uk.callretention.policy;

import java.io.StringReader;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import uk.callretention.policy.PolicyMapping.Entry;
import uk.callretention.recording.Channel;
import uk.callretention.training.CutFill;

/**
 * Reads one council's policy file into a {@link CouncilPolicy}, reporting every mistake with
 * its file, line and field rather than stopping at the first. The file is composed into YAML
 * nodes, not bound to objects, because only nodes know their line.
 */
final class CouncilPolicyParser {

    static final List<String> CHANNELS = Arrays.stream(Channel.values()).map(Channel::id).toList();
    private static final List<String> PURPOSES = Arrays.stream(Purpose.values()).map(Purpose::id).toList();
    private static final List<String> FILLS = Arrays.stream(CutFill.values()).map(f -> f.name().toLowerCase()).toList();
    private static final List<String> HOLD_REASONS = Arrays.stream(HoldReason.values()).map(HoldReason::id).toList();

    private final String fileName;
    private final Map<String, String> settings;
    private final Map<String, String> councilFiles;
    private final List<SettablePeriod> settable;
    private final Problems problems;

    /**
     * @param settings     deployment settings (the function's environment) for periods a notice leaves to the council
     * @param councilFiles council ids already read, with their file, shared across one book to find duplicates
     * @param settable     receives each retention period the file leaves to a setting
     */
    CouncilPolicyParser(String fileName, Map<String, String> settings, Map<String, String> councilFiles,
            List<SettablePeriod> settable, Problems problems) {
        this.fileName = fileName;
        this.settings = settings;
        this.councilFiles = councilFiles;
        this.settable = settable;
        this.problems = problems;
    }

    /** The council's policy, or empty when the file has any problem (each one reported). */
    Optional<CouncilPolicy> parse(String text) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            problems.add(line(e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark()), "",
                    "not valid YAML: " + (e.getContext() == null ? "" : e.getContext() + " from line " + line(e.getContextMark()) + ", ")
                            + e.getProblem());
            return Optional.empty();
        } catch (YAMLException e) {
            problems.add(1, "", "not valid YAML: " + e.getMessage());
            return Optional.empty();
        }
        if (root == null) {
            problems.add(1, "", "empty file");
            return Optional.empty();
        }
        return new PolicyValue(root, "", problems).fields().flatMap(this::council);
    }

    private static int line(Mark mark) {
        return mark == null ? 1 : mark.getLine() + 1;
    }

    private Optional<CouncilPolicy> council(PolicyMapping file) {
        Optional<String> id = file.required("council").flatMap(this::councilId);
        Optional<String> name = file.required("name").flatMap(PolicyValue::text);
        Optional<Integer> version = file.required("version").flatMap(PolicyValue::positiveNumber);
        Optional<Notice> notice = file.required("notice").flatMap(this::notice);
        Optional<Map<Channel, Map<String, Team>>> channels = file.required("channels").flatMap(this::channels);
        Optional<List<RetentionRule>> retention =
                file.required("retention").flatMap(value -> new RetentionRulesParser(channels, settings, settable, problems).parse(value));
        Optional<Set<Purpose>> purposes = file.required("purposes")
                .flatMap(value -> vocabulary(value, "purpose", Purpose::fromId, PURPOSES)
                        .filter(chosen -> value.check(!chosen.isEmpty(), "must name at least one purpose")));
        Optional<Set<HoldReason>> holdReasons =
                file.required("holdReasons").flatMap(value -> vocabulary(value, "hold reason", HoldReason::fromId, HOLD_REASONS));
        Optional<Period> maxHoldReviewInterval = file.optional("maxHoldReviewInterval").map(CouncilPolicyParser::holdReviewInterval)
                .orElse(Optional.of(CouncilPolicy.DEFAULT_MAX_HOLD_REVIEW_INTERVAL));
        Optional<Playback> playback = file.required("playback").flatMap(this::playback);
        Optional<List<String>> legalBases = file.required("legalBases").flatMap(CouncilPolicyParser::texts);
        Optional<TrainingCopies> trainingCopies = file.optional("trainingCopies").map(CouncilPolicyParser::trainingCopies)
                .orElse(Optional.of(TrainingCopies.DEFAULT));
        file.reportUnknownFields();
        if (problems.count() > 0) {
            return Optional.empty();
        }
        return Optional.of(new CouncilPolicy(id.orElseThrow(), name.orElseThrow(), version.orElseThrow(), notice.orElseThrow(),
                channels.orElseThrow(), retention.orElseThrow(), purposes.orElseThrow(), holdReasons.orElseThrow(),
                maxHoldReviewInterval.orElseThrow(), playback.orElseThrow(), legalBases.orElseThrow(), trainingCopies.orElseThrow()));
    }

    private Optional<String> councilId(PolicyValue value) {
        Optional<String> id = value.id();
        id.ifPresent(council -> {
            value.check(fileName.equals(council + ".yaml"),
                    "the file is " + fileName + " but the council is '" + council + "': name the file " + council + ".yaml");
            String other = councilFiles.putIfAbsent(council, problems.file());
            value.check(other == null, "council '" + council + "' is already defined in " + other);
        });
        return id;
    }

    private Optional<Notice> notice(PolicyValue value) {
        return value.fields().flatMap(fields -> {
            Optional<String> title = fields.required("title").flatMap(PolicyValue::text);
            Optional<String> date = fields.required("date").flatMap(PolicyValue::text);
            Optional<String> seed = fields.required("seed").flatMap(PolicyValue::text);
            fields.reportUnknownFields();
            return allPresent(title, date, seed)
                    ? Optional.of(new Notice(title.orElseThrow(), date.orElseThrow(), seed.orElseThrow()))
                    : Optional.empty();
        });
    }

    private Optional<Map<Channel, Map<String, Team>>> channels(PolicyValue value) {
        int before = problems.count();
        Map<Channel, Map<String, Team>> covered = new EnumMap<>(Channel.class);
        value.fields().ifPresent(fields -> {
            List<Entry> entries = fields.entries();
            value.check(!entries.isEmpty(), "must name at least one channel");
            for (Entry entry : entries) {
                Optional<Channel> channel = entry.key().oneOf("channel", Channel::fromId, CHANNELS);
                Optional<Map<String, Team>> teams = entry.value().fields().map(CouncilPolicyParser::teams)
                        .filter(found -> entry.value().check(!found.isEmpty(), "must name at least one team"));
                if (allPresent(channel, teams)) {
                    covered.put(channel.orElseThrow(), teams.orElseThrow());
                }
            }
        });
        return problems.count() > before ? Optional.empty() : Optional.of(covered);
    }

    private static Map<String, Team> teams(PolicyMapping fields) {
        Map<String, Team> teams = new LinkedHashMap<>();
        for (Entry entry : fields.entries()) {
            Optional<String> id = entry.key().id();
            entry.value().fields().ifPresent(team -> {
                Optional<String> name = team.required("name").flatMap(PolicyValue::text);
                Optional<LocalDate> began = team.required("recordingBegan").flatMap(PolicyValue::date);
                team.reportUnknownFields();
                if (allPresent(id, name, began)) {
                    teams.put(id.orElseThrow(), new Team(id.orElseThrow(), name.orElseThrow(), began.orElseThrow()));
                }
            });
        }
        return teams;
    }

    private static <T> Optional<Set<T>> vocabulary(
            PolicyValue value, String kind, Function<String, Optional<T>> lookup, List<String> allowed) {
        return value.list().map(items -> {
            Set<T> chosen = new LinkedHashSet<>();
            for (PolicyValue item : items) {
                item.oneOf(kind, lookup, allowed).ifPresent(found -> item.check(chosen.add(found), "listed twice"));
            }
            return chosen;
        });
    }

    private static Optional<List<String>> texts(PolicyValue value) {
        return value.list().map(items -> items.stream().map(PolicyValue::text).flatMap(Optional::stream).toList());
    }

    private Optional<Playback> playback(PolicyValue value) {
        return value.fields().flatMap(fields -> {
            Optional<Duration> lifetime =
                    fields.optional("urlLifetime").map(CouncilPolicyParser::urlLifetime).orElse(Optional.of(Playback.DEFAULT_URL_LIFETIME));
            Optional<Integer> rate = fields.required("maxUrlsPerUserPerHour").flatMap(PolicyValue::positiveNumber);
            Optional<Boolean> accessRequests = fields.optional("accessRequestsRequired").map(PolicyValue::flag).orElse(Optional.of(false));
            fields.reportUnknownFields();
            return allPresent(lifetime, rate, accessRequests)
                    ? Optional.of(new Playback(lifetime.orElseThrow(), rate.orElseThrow(), accessRequests.orElseThrow()))
                    : Optional.empty();
        });
    }

    /**
     * The period must be one of the settable classes: each has a lifecycle rule deployed, the backstop behind the sweep,
     * so a copy can never outlive its class unseen.
     */
    private static Optional<TrainingCopies> trainingCopies(PolicyValue value) {
        return value.fields().flatMap(fields -> {
            Optional<RetentionClass> period = fields.optional("period").map(CouncilPolicyParser::trainingPeriod)
                    .orElse(Optional.of(TrainingCopies.DEFAULT.period()));
            Optional<CutFill> fill = fields.optional("fill")
                    .map(v -> v.oneOf("fill", CouncilPolicyParser::fill, FILLS))
                    .orElse(Optional.of(TrainingCopies.DEFAULT.fill()));
            fields.reportUnknownFields();
            return allPresent(period, fill) ? Optional.of(new TrainingCopies(period.orElseThrow(), fill.orElseThrow())) : Optional.empty();
        });
    }

    private static Optional<RetentionClass> trainingPeriod(PolicyValue value) {
        return value.period().map(RetentionClass::new)
                .filter(c -> value.check(RetentionClass.SETTABLE.contains(c),
                        "must be one of " + RetentionClass.SETTABLE + ": the classes the bucket's lifecycle rules cover"));
    }

    private static Optional<CutFill> fill(String id) {
        return Arrays.stream(CutFill.values()).filter(f -> f.name().toLowerCase().equals(id)).findFirst();
    }

    /** Compared by the days it spans from 1 January 2000: periods of months and days have no order of their own. */
    private static Optional<Period> holdReviewInterval(PolicyValue value) {
        LocalDate from = LocalDate.of(2000, 1, 1);
        return value.period()
                .filter(p -> value.check(from.plus(p).isAfter(from), "must be longer than zero"))
                .filter(p -> value.check(!from.plus(p).isAfter(from.plus(CouncilPolicy.LONGEST_MAX_HOLD_REVIEW_INTERVAL)),
                        "must be at most " + CouncilPolicy.LONGEST_MAX_HOLD_REVIEW_INTERVAL + ": every hold is reviewed at least that often"));
    }

    private static Optional<Duration> urlLifetime(PolicyValue value) {
        return value.duration()
                .filter(d -> value.check(d.compareTo(Duration.ZERO) > 0, "must be longer than zero"))
                .filter(d -> value.check(d.compareTo(Playback.MAX_URL_LIFETIME) <= 0,
                        "must be at most " + Playback.MAX_URL_LIFETIME + ": a playback link is a credential"));
    }

    static boolean allPresent(Optional<?>... values) {
        return Arrays.stream(values).allMatch(Optional::isPresent);
    }
}
