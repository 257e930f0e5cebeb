package uk.callretention.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The build's policy check: each kind of mistake in {@code policies-bad/<kind>/} fails it, named by file, line and field. */
class PolicyCheckTest {

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing-field                 | policies/testshire.yaml:2: version: missing
            unknown-field                 | policies/testshire.yaml:27: retension: unknown field
            duplicate-field               | policies/testshire.yaml:5: version: appears twice
            not-yaml                      | policies/testshire.yaml:28: not valid YAML: while parsing a flow sequence from line 27
            unknown-channel               | policies/testshire.yaml:17: channels.fax: unknown channel 'fax'
            channel-not-recorded-in-rule  | policies/testshire.yaml:23: retention[1].channels[1]: this council does not record webchat
            unknown-team-in-rule          | policies/testshire.yaml:27: retention[1].teams[0]: unknown team 'careline'
            team-not-on-channel-in-rule   | policies/testshire.yaml:28: retention[1].teams[0]: unknown team 'housing' on webchat
            bad-team-id                   | policies/testshire.yaml:14: channels.phone.Housing Team: 'Housing Team' must be lower-case words joined by hyphens
            not-a-date                    | policies/testshire.yaml:13: channels.phone.customer-services.recordingBegan: '2024-02-30' is not an ISO date
            unknown-purpose               | policies/testshire.yaml:27: purposes[1]: unknown purpose 'marketing'
            unknown-hold-reason           | policies/testshire.yaml:28: holdReasons[1]: unknown hold reason 'curiosity'
            zero-period                   | policies/testshire.yaml:22: retention[0].period: 'P0M' must be longer than zero
            negative-period               | policies/testshire.yaml:22: retention[0].period: 'P-1M' must be longer than zero
            non-iso-period                | policies/testshire.yaml:25: retention[1].period: '3 months' is not an ISO-8601 period
            setting-default-not-settable  | policies/testshire.yaml:27: retention[1].period.default: 'P5M' is not one of the settable periods P1M, P3M, P6M, P12M, P18M, P24M
            until-before-from             | policies/testshire.yaml:24: retention[0].effectiveUntil: must be after effectiveFrom 2024-04-01
            overlapping-dates             | policies/testshire.yaml:26: retention[1].effectiveFrom: overlaps retention[0] from 2024-12-01 up to 2025-01-01 (for phone/customer-services, phone/housing, webchat/customer-services)
            gapped-dates                  | policies/testshire.yaml:26: retention[1].effectiveFrom: gap: no rule covers 2025-01-01 up to 2025-02-01 (for phone/customer-services, phone/housing, webchat/customer-services)
            rules-start-late              | policies/testshire.yaml:23: retention[0].effectiveFrom: gap: no rule covers 2024-04-01 (recording began) up to 2024-05-01 (for phone/customer-services, phone/housing)
            last-rule-ends                | policies/testshire.yaml:27: retention[1].effectiveUntil: no rule covers recordings made from this date on
            url-lifetime-too-long         | policies/testshire.yaml:30: playback.urlLifetime: must be at most PT15M
            url-lifetime-zero             | policies/testshire.yaml:30: playback.urlLifetime: must be longer than zero
            non-positive-rate             | policies/testshire.yaml:31: playback.maxUrlsPerUserPerHour: must be more than zero
            hold-review-interval-too-long | policies/testshire.yaml:29: maxHoldReviewInterval: must be at most P24M: every hold is reviewed at least that often
            training-period-not-settable  | policies/testshire.yaml:30: trainingCopies.period: must be one of [P1M, P3M, P6M, P12M, P18M, P24M]: the classes the bucket's lifecycle rules cover
            training-fill-unknown         | policies/testshire.yaml:31: trainingCopies.fill: unknown fill 'beep'
            file-name-mismatch            | policies/testshire-council.yaml:2: council: the file is testshire-council.yaml but the council is 'testshire'
            yml-extension                 | policies/testshire.yml:1: name policy files <council-id>.yaml, not .yml
            """)
    void main_whenPolicyHasMistake_failsNamingFileLineAndField(String kind, String expected) throws Exception {
        List<String> problems = problemsOf(kind);

        assertThat(problems).singleElement().asString().startsWith(expected);
    }

    @Test
    void main_whenTwoFilesDefineOneCouncil_reportsTheDuplicate() throws Exception {
        List<String> problems = problemsOf("duplicate-council");

        assertThat(problems).anySatisfy(problem -> assertThat(problem)
                .isEqualTo("policies/testshire.yaml:2: council: council 'testshire' is already defined in policies/testshire-copy.yaml"));
    }

    @Test
    void main_whenFileHasSeveralMistakes_reportsEveryOne() throws Exception {
        List<String> problems = problemsOf("several-mistakes");

        assertThat(problems).hasSize(4).allSatisfy(problem -> assertThat(problem).startsWith("policies/testshire.yaml:"))
                .anySatisfy(problem -> assertThat(problem).contains("version: missing"))
                .anySatisfy(problem -> assertThat(problem).contains("unknown purpose 'marketing'"))
                .anySatisfy(problem -> assertThat(problem).contains("gap: no rule covers 2025-01-01 up to 2025-02-01"))
                .anySatisfy(problem -> assertThat(problem).contains("urlLifetime: must be at most PT15M"));
    }

    @Test
    void main_whenDirectoryHasNoPolicies_fails() throws Exception {
        Path empty = Files.createDirectories(work.resolve("policies"));

        PolicyValidationException failure = catchThrowableOfType(PolicyValidationException.class,
                () -> PolicyCheck.main(new String[] {empty.toString(), work.resolve("book.bin").toString()}));

        assertThat(failure.problems()).singleElement().asString().isEqualTo("policies: no policy files (<council-id>.yaml)");
    }

    @Test
    void main_whenRepositoryPoliciesAreRight_writesTheBookAsTheFilesRead() throws Exception {
        Path compiled = work.resolve("classes/policies/book.bin");

        PolicyCheck.main(new String[] {"../policies", compiled.toString()});

        PolicyBook book = CompiledPolicyBook.read("book.bin", Files.readAllBytes(compiled), Map.of());
        assertThat(book.councils()).extracting(CouncilPolicy::id)
                .containsExactly("contact-centre-2019", "newark-sherwood", "rotherham", "rutland", "south-hams");
        assertThat(book.councils()).isEqualTo(PolicyBook.load(Path.of("../policies"), Map.of()).councils());
    }

    /** Runs the check as the build does, over a copy of the bad files in a directory named like the repository's. */
    private List<String> problemsOf(String kind) throws IOException, URISyntaxException {
        Path policies = Files.createDirectories(work.resolve("policies"));
        Path bad = Path.of(getClass().getResource("/policies-bad/" + kind).toURI());
        try (Stream<Path> files = Files.list(bad)) {
            for (Path file : files.toList()) {
                Files.copy(file, policies.resolve(file.getFileName()));
            }
        }
        String[] args = {policies.toString(), work.resolve("book.bin").toString()};

        PolicyValidationException failure = catchThrowableOfType(PolicyValidationException.class, () -> PolicyCheck.main(args));

        assertThat(failure).as("the check must fail for " + kind).isNotNull();
        assertThat(failure.getMessage()).contains(failure.problems().get(0).toString());
        assertThat(work.resolve("book.bin")).as("no book is compiled from wrong files").doesNotExist();
        return failure.problems().stream().map(PolicyProblem::toString).toList();
    }
}
