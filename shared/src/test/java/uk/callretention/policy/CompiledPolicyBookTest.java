package uk.callretention.policy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.callretention.recording.Channel;

/**
 * The compiled book, as the build writes it from the checked files with settings unset, reads
 * back as the files parse under any settings: the same councils, the same rules, the same
 * problems for a wrong setting; and a damaged or missing book is refused whole.
 */
class CompiledPolicyBookTest {

    private static final Path REPOSITORY = Path.of("../policies");
    private static final Path WITH_SETTINGS = Path.of("src/test/resources/policies-settings");

    @TempDir
    Path work;

    static Stream<Arguments> rightSettings() {
        return Stream.of(
                Arguments.of(REPOSITORY, Map.of()),
                Arguments.of(REPOSITORY, Map.of("RETENTION_PERIOD_ROTHERHAM", "")),
                Arguments.of(REPOSITORY, Map.of("RETENTION_PERIOD_ROTHERHAM", "P1M")),
                Arguments.of(REPOSITORY, Map.of("RETENTION_PERIOD_ROTHERHAM", " P24M ")),
                Arguments.of(WITH_SETTINGS, Map.of()),
                Arguments.of(WITH_SETTINGS, Map.of("RETENTION_PERIOD_TESTSHIRE", "P24M")),
                Arguments.of(WITH_SETTINGS, Map.of("RETENTION_PERIOD_TESTSHIRE", " ", "RETENTION_PERIOD_TESTSHIRE_CHAT", "P1M")),
                Arguments.of(WITH_SETTINGS, Map.of("RETENTION_PERIOD_TESTSHIRE", "P18M", "RETENTION_PERIOD_TESTSHIRE_CHAT", "P6M")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rightSettings")
    void read_whenSettingsRight_givesEveryCouncilAsTheFilesParse(Path policies, Map<String, String> settings) {
        PolicyBook parsed = PolicyBook.load(policies, settings);

        PolicyBook compiled = CompiledPolicyBook.read("book.bin", compiledAsTheBuildDoes(policies), settings);

        assertSameCouncils(compiled, parsed);
    }

    @ParameterizedTest(name = "RETENTION_PERIOD_ROTHERHAM=''{0}''")
    @ValueSource(strings = {"", "P1M", "P12M", "P24M"})
    void bundled_whenRotherhamSettingGiven_givesEveryCouncilAsTheRepositoryFilesParse(String setting) {
        Map<String, String> settings = Map.of("RETENTION_PERIOD_ROTHERHAM", setting);

        PolicyBook bundled = PolicyBook.bundled(settings);

        assertSameCouncils(bundled, PolicyBook.load(REPOSITORY, settings));
        assertThat(bundled.council("rotherham").orElseThrow().ruleInForce(Channel.PHONE, "contact-centre", LocalDate.of(2025, 1, 31)))
                .map(rule -> rule.period().id()).contains(setting.isEmpty() ? "P6M" : setting);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policyDirectories")
    void write_whenBookReadBack_givesTheSameBytes(Path policies) {
        byte[] compiled = compiledAsTheBuildDoes(policies);

        byte[] again = CompiledPolicyBook.write(CompiledPolicyBook.read("book.bin", compiled, Map.of()));

        assertThat(again).isEqualTo(compiled);
    }

    static Stream<Path> policyDirectories() {
        return Stream.of(REPOSITORY, WITH_SETTINGS);
    }

    static Stream<Arguments> wrongSettings() {
        return Stream.of(
                Arguments.of(REPOSITORY, Map.of("RETENTION_PERIOD_ROTHERHAM", "P5M")),
                Arguments.of(REPOSITORY, Map.of("RETENTION_PERIOD_ROTHERHAM", "six months")),
                Arguments.of(REPOSITORY, Map.of("RETENTION_PERIOD_ROTHERHAM", "PT6H")),
                Arguments.of(WITH_SETTINGS, Map.of("RETENTION_PERIOD_TESTSHIRE", "P0D")),
                Arguments.of(WITH_SETTINGS, Map.of("RETENTION_PERIOD_TESTSHIRE", "P5M", "RETENTION_PERIOD_TESTSHIRE_CHAT", "a year")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("wrongSettings")
    void read_whenSettingWrong_failsWithTheProblemsParsingGives(Path policies, Map<String, String> settings) {
        byte[] compiled = compiledAsTheBuildDoes(policies);
        PolicyValidationException parsing = catchThrowableOfType(PolicyValidationException.class, () -> PolicyBook.load(policies, settings));

        PolicyValidationException reading = catchThrowableOfType(PolicyValidationException.class,
                () -> CompiledPolicyBook.read("book.bin", compiled, settings));

        assertThat(parsing).isNotNull();
        assertThat(reading).isNotNull();
        assertThat(reading.problems()).isEqualTo(parsing.problems());
        assertThat(reading.getMessage()).isEqualTo(parsing.getMessage()).contains("P1M, P3M, P6M, P12M, P18M, P24M");
        settings.keySet().forEach(setting -> assertThat(reading.getMessage()).contains("the setting " + setting + " is '"));
    }

    @Test
    void read_whenSettingSharedByTwoCouncilsIsWrong_namesEachFile() {
        Map<String, String> settings = Map.of("RETENTION_PERIOD_TESTSHIRE", "P5M");

        PolicyValidationException reading = catchThrowableOfType(PolicyValidationException.class,
                () -> CompiledPolicyBook.read("book.bin", compiledAsTheBuildDoes(WITH_SETTINGS), settings));

        assertThat(reading.problems()).extracting(PolicyProblem::toString).containsExactly(
                "policies-settings/easthampton.yaml:16: retention[0].period.setting: the setting RETENTION_PERIOD_TESTSHIRE is 'P5M';"
                        + " it must be one of P1M, P3M, P6M, P12M, P18M, P24M",
                "policies-settings/testshire.yaml:27: retention[1].period.setting: the setting RETENTION_PERIOD_TESTSHIRE is 'P5M';"
                        + " it must be one of P1M, P3M, P6M, P12M, P18M, P24M");
    }

    @ParameterizedTest(name = "cut to {0} bytes from the end")
    @ValueSource(ints = {1, 4, 5, 100, 3000})
    void read_whenCutShort_refusesNamingTheFileAndSayingToRebuild(int cut) {
        byte[] whole = compiledAsTheBuildDoes(REPOSITORY);
        byte[] cutShort = Arrays.copyOf(whole, Math.max(0, whole.length - cut));

        assertThatThrownBy(() -> CompiledPolicyBook.read(PolicyBook.COMPILED, cutShort, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("policies/book.bin is cut short")
                .hasMessageContaining("rebuild with Maven");
    }

    @Test
    void read_whenEmpty_refusesNamingTheFileAndSayingToRebuild() {
        assertThatThrownBy(() -> CompiledPolicyBook.read(PolicyBook.COMPILED, new byte[0], Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("policies/book.bin is cut short (0 bytes): rebuild with Maven (the build of shared checks policies/*.yaml"
                        + " and compiles them into it)");
    }

    @Test
    void read_whenOfAnotherFormat_refusesNamingBothFormats() {
        byte[] compiled = compiledAsTheBuildDoes(REPOSITORY);
        compiled[7] = (byte) (CompiledPolicyBook.FORMAT + 1);

        assertThatThrownBy(() -> CompiledPolicyBook.read(PolicyBook.COMPILED, compiled, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("policies/book.bin is of format " + (CompiledPolicyBook.FORMAT + 1)
                        + " but this code reads format " + CompiledPolicyBook.FORMAT)
                .hasMessageContaining("rebuild with Maven");
    }

    @Test
    void read_whenAltered_refusesRatherThanReadingAnotherPeriod() {
        byte[] compiled = compiledAsTheBuildDoes(REPOSITORY);
        compiled[compiled.length / 2] ^= 1;

        assertThatThrownBy(() -> CompiledPolicyBook.read(PolicyBook.COMPILED, compiled, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("policies/book.bin is cut short or altered")
                .hasMessageContaining("rebuild with Maven");
    }

    @Test
    void read_whenGivenThePolicyFileItself_refusesAsNotACompiledBook() throws IOException {
        byte[] yaml = Files.readString(REPOSITORY.resolve("rutland.yaml"), UTF_8).getBytes(UTF_8);

        assertThatThrownBy(() -> CompiledPolicyBook.read(PolicyBook.COMPILED, yaml, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("policies/book.bin is not a compiled policy book")
                .hasMessageContaining("rebuild with Maven");
    }

    @Test
    void bundled_whenBookMissingFromTheJar_refusesNamingItAndSayingToRebuild() throws Exception {
        Path classes = copyOfBuiltClasses();
        Files.delete(classes.resolve(PolicyBook.COMPILED));

        assertThatThrownBy(() -> bundledFrom(classes))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("policies/book.bin is not on the classpath")
                .hasMessageContaining("rebuild with Maven");
    }

    /** As in a function's jar: the library's classes and the compiled book, without SnakeYAML. */
    @Test
    void bundled_whenSnakeYamlAbsent_readsEveryCouncil() throws Exception {
        Path classes = copyOfBuiltClasses();

        assertThat(bundledFrom(classes)).asInstanceOf(InstanceOfAssertFactories.COLLECTION)
                .hasSize(PolicyBook.bundled(Map.of()).councils().size());
    }

    private static void assertSameCouncils(PolicyBook actual, PolicyBook expected) {
        assertThat(actual.councils()).extracting(CouncilPolicy::id)
                .containsExactlyElementsOf(expected.councils().stream().map(CouncilPolicy::id).toList());
        for (CouncilPolicy council : expected.councils()) {
            assertThat(actual.council(council.id())).as(council.id()).contains(council);
        }
    }

    /** What the build does: the files checked with settings unset, and compiled. */
    private static byte[] compiledAsTheBuildDoes(Path policies) {
        return CompiledPolicyBook.write(PolicyBook.load(policies, Map.of()));
    }

    private Path copyOfBuiltClasses() throws Exception {
        Path built = Path.of(PolicyBook.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path copy = work.resolve("classes");
        try (Stream<Path> files = Files.walk(built)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(built.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return copy;
    }

    /** {@code PolicyBook.bundled(Map.of()).councils()}, with only those classes on the classpath. */
    private static Collection<?> bundledFrom(Path classes) throws Exception {
        try (URLClassLoader alone = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            assertThat(alone.getResource("org/yaml/snakeyaml/Yaml.class")).as("SnakeYAML is out of reach").isNull();
            Class<?> book = alone.loadClass(PolicyBook.class.getName());
            try {
                Object bundled = book.getMethod("bundled", Map.class).invoke(null, Map.of());
                return (Collection<?>) book.getMethod("councils").invoke(bundled);
            } catch (InvocationTargetException e) {
                throw (Exception) e.getCause();
            }
        }
    }
}
