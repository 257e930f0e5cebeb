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
 * {@link PolicyValidationException} listing each problem with its file and line.
 */
public final class PolicyBook {

    /** Where the build lists the bundled council ids, since a directory inside a jar cannot be listed. */
    static final String INDEX = "policies/index.txt";

    private record PolicyFile(String label, String name, String text) {
    }

    private final Map<String, CouncilPolicy> councils = new TreeMap<>();

    private PolicyBook(List<CouncilPolicy> councils) {
        councils.forEach(council -> this.councils.put(council.id(), council));
    }

    /**
     * The policies packaged into this library at build time.
     *
     * @param settings the deployment settings (a function passes {@code System.getenv()}) for
     *                 periods a notice leaves to the council, such as {@code RETENTION_PERIOD_ROTHERHAM}
     */
    public static PolicyBook bundled(Map<String, String> settings) {
        ClassLoader loader = PolicyBook.class.getClassLoader();
        List<PolicyFile> files = resource(loader, INDEX).lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(id -> new PolicyFile("policies/" + id + ".yaml", id + ".yaml", resource(loader, "policies/" + id + ".yaml")))
                .toList();
        return read("policies", files, settings, new ArrayList<>());
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
        for (PolicyFile file : files) {
            new CouncilPolicyParser(file.name(), settings, councilFiles, new Problems(file.label(), problems))
                    .parse(file.text())
                    .ifPresent(councils::add);
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(PolicyProblem::file).thenComparingInt(PolicyProblem::line));
            throw new PolicyValidationException(problems);
        }
        return new PolicyBook(councils);
    }

    private static String resource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath: the Maven build of shared bundles the policies and writes " + INDEX);
            }
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
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
