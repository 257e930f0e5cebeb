package uk.callretention.policy;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every council's policy, read and validated from the {@code policies/<council-id>.yaml}
 * files. A book exists only if every file is right: loading throws
 * {@link PolicyValidationException} listing each problem with its file and line. The build
 * checks the files and compiles them, so that functions read the {@link #bundled} book without
 * a YAML parser.
 */
public final class PolicyBook {

    /** Where the build writes the book compiled from the checked files, for {@link #bundled}. */
    static final String COMPILED = "policies/book.bin";

    private record PolicyFile(String label, String name, String text) {
    }

    private final Map<String, CouncilPolicy> councils = new TreeMap<>();
    private final Map<String, List<SettablePeriod>> settable;

    private PolicyBook(List<CouncilPolicy> councils, Map<String, List<SettablePeriod>> settable) {
        councils.forEach(council -> this.councils.put(council.id(), council));
        this.settable = Map.copyOf(settable);
    }

    /**
     * The policies packaged into this library at build time, read from their compiled form:
     * a function's cold start reads no YAML.
     *
     * @param settings the deployment settings (a function passes {@code System.getenv()}) for
     *                 periods a notice leaves to the council, such as {@code RETENTION_PERIOD_ROTHERHAM}
     * @throws PolicyValidationException when a setting has a value its rule does not allow, as {@link #load} does
     * @throws IllegalStateException     when the compiled book is missing, of another format, cut short or altered
     */
    public static PolicyBook bundled(Map<String, String> settings) {
        try (InputStream in = PolicyBook.class.getClassLoader().getResourceAsStream(COMPILED)) {
            if (in == null) {
                throw new IllegalStateException(COMPILED + " is not on the classpath: " + CompiledPolicyBook.REBUILD);
            }
            return CompiledPolicyBook.read(COMPILED, in.readAllBytes(), settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + COMPILED, e);
        }
    }

    /** The policies in a directory of {@code <council-id>.yaml} files, such as the repository's {@code policies/}. */
    public static PolicyBook load(Path directory, Map<String, String> settings) {
        String label = directory.toAbsolutePath().normalize().getFileName().toString();
        List<PolicyProblem> problems = new ArrayList<>();
        List<PolicyFile> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(directory)) {
            for (Path path : listing.sorted().toList()) {
                String name = path.getFileName().toString();
                if (name.endsWith(".yml")) {
                    // Only .yaml files are bundled: a .yml file would be silently left out.
                    problems.add(new PolicyProblem(label + "/" + name, 1, "", "name policy files <council-id>.yaml, not .yml"));
                } else if (name.endsWith(".yaml")) {
                    files.add(new PolicyFile(label + "/" + name, name, Files.readString(path, UTF_8)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the policies in " + directory, e);
        }
        return read(label, files, settings, problems);
    }

    private static PolicyBook read(String label, List<PolicyFile> files, Map<String, String> settings, List<PolicyProblem> problems) {
        if (files.isEmpty() && problems.isEmpty()) {
            problems.add(new PolicyProblem(label, 0, "", "no policy files (<council-id>.yaml)"));
        }
        Map<String, String> councilFiles = new HashMap<>();
        List<CouncilPolicy> councils = new ArrayList<>();
        Map<String, List<SettablePeriod>> settable = new HashMap<>();
        for (PolicyFile file : files) {
            List<SettablePeriod> periods = new ArrayList<>();
            new CouncilPolicyParser(file.name(), settings, councilFiles, periods, new Problems(file.label(), problems))
                    .parse(file.text())
                    .ifPresent(council -> {
                        councils.add(council);
                        settable.put(council.id(), periods);
                    });
        }
        return of(councils, settable, problems);
    }

    /** The book, unless any problem was found: then every problem, in file and line order. */
    static PolicyBook of(List<CouncilPolicy> councils, Map<String, List<SettablePeriod>> settable, List<PolicyProblem> problems) {
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(PolicyProblem::file).thenComparingInt(PolicyProblem::line));
            throw new PolicyValidationException(problems);
        }
        return new PolicyBook(councils, settable);
    }

    /** The council's retention periods that a setting chooses, each with its default and where its file names it. */
    List<SettablePeriod> settablePeriods(String councilId) {
        return settable.getOrDefault(councilId, List.of());
    }

    public Optional<CouncilPolicy> council(String id) {
        return Optional.ofNullable(councils.get(id));
    }

    /** Every council, in order of id. */
    public Collection<CouncilPolicy> councils() {
        return List.copyOf(councils.values());
    }

    /**
     * Every retention class a recording can be given under these policies, whatever the
     * settings: a rule whose period is a setting can produce any {@link RetentionClass#SETTABLE}
     * value. The storage lifecycle needs a rule for each.
     */
    public SortedSet<RetentionClass> retentionClasses() {
        SortedSet<RetentionClass> classes = new TreeSet<>();
        for (CouncilPolicy council : councils.values()) {
            classes.add(council.trainingCopies().period());
            for (RetentionRule rule : council.retention()) {
                classes.add(rule.period());
                if (rule.setting().isPresent()) {
                    classes.addAll(RetentionClass.SETTABLE);
                }
            }
        }
        return classes;
    }
}
