package uk.callretention.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.callretention.local.template.Template;
import uk.callretention.policy.PolicyBook;
import uk.callretention.recording.RecordingTags;
import uk.callretention.retention.LifecycleCoverage;

/**
 * The build's check that the bucket's lifecycle rules in template.yaml back up every retention class the policy
 * files can give, and that none can delete before the expiry date or touch a held recording.
 */
class LifecycleRulesTest {

    private static final Path PROJECT = ProjectRoot.find();

    @Test
    void lifecycleRules_whenCheckedAgainstThePolicies_coverEveryClassWithoutDeletingEarly() {
        assertThat(LifecycleCoverage.problems(PolicyBook.load(PROJECT.resolve("policies"), Map.of()).retentionClasses(), templateRules()))
                .isEmpty();
    }

    @Test
    void lifecycleRules_whenAPolicyGivesAClassWithoutARule_fail(@TempDir Path policies) throws IOException {
        try (var files = Files.list(PROJECT.resolve("policies"))) {
            for (Path file : files.toList()) {
                Files.copy(file, policies.resolve(file.getFileName()));
            }
        }
        String southHams = Files.readString(PROJECT.resolve("policies/south-hams.yaml"));
        Files.writeString(policies.resolve("testshire.yaml"),
                southHams.replace("council: south-hams", "council: testshire").replace("period: P3M", "period: P5M"));

        List<String> problems = LifecycleCoverage.problems(PolicyBook.load(policies, Map.of()).retentionClasses(), templateRules());

        assertThat(problems).singleElement().asString().contains("retention=P5M").contains("ExpirationInDays 155");
    }

    @Test
    void problems_whenARuleIsShorterThanItsClassOrMatchesHeld_nameIt() {
        List<LifecycleCoverage.Rule> rules = templateRules().stream()
                .map(rule -> rule.retentionTag().equals("P1M") ? new LifecycleCoverage.Rule(rule.id(), "P1M", 30) : rule)
                .collect(Collectors.toCollection(ArrayList::new));
        rules.add(new LifecycleCoverage.Rule("held-too", "held", 3650));

        List<String> problems = LifecycleCoverage.problems(PolicyBook.load(PROJECT.resolve("policies"), Map.of()).retentionClasses(), rules);

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("retention-P1M", "after 30 days", "at least 33");
        assertThat(problems.get(1)).contains("held-too", "held recordings");
    }

    @Test
    void catchAllRule_whenCheckedAgainstThePolicies_isLongerThanEveryClassAndQuarantineRule() {
        var classes = PolicyBook.load(PROJECT.resolve("policies"), Map.of()).retentionClasses();

        assertThat(LifecycleCoverage.catchAllProblems(classes, templateRules(), catchAllDays())).isEmpty();
        int days = catchAllDays().orElseThrow();
        assertThat(templateRules()).allSatisfy(rule -> assertThat(rule.days()).isLessThan(days))
                .extracting(LifecycleCoverage.Rule::retentionTag).contains(RecordingTags.QUARANTINE_CLASS);
    }

    /** The days of the bucket's enabled rule that expires current versions with no filter at all. */
    static OptionalInt catchAllDays() {
        return bucketRules().stream()
                .filter(rule -> "Enabled".equals(rule.get("Status")) && rule.get("ExpirationInDays") != null)
                .filter(rule -> rule.get("Prefix") == null && rule.get("TagFilters") == null && rule.get("ObjectSizeGreaterThan") == null
                        && rule.get("ObjectSizeLessThan") == null)
                .mapToInt(rule -> Integer.parseInt(String.valueOf(rule.get("ExpirationInDays"))))
                .findFirst();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> bucketRules() {
        Map<String, Object> bucket = Template.load(PROJECT.resolve("template.yaml")).resources().get("RecordingsBucket").properties();
        return (List<Map<String, Object>>) ((Map<String, Object>) bucket.get("LifecycleConfiguration")).get("Rules");
    }

    /** The bucket's enabled rules that filter on the retention tag alone and expire current versions. */
    @SuppressWarnings("unchecked")
    static List<LifecycleCoverage.Rule> templateRules() {
        return bucketRules().stream()
                .filter(rule -> "Enabled".equals(rule.get("Status")) && rule.get("ExpirationInDays") != null && rule.get("Prefix") == null)
                .filter(rule -> rule.get("TagFilters") instanceof List<?> filters && filters.size() == 1
                        && RecordingTags.RETENTION.equals(((Map<String, Object>) filters.get(0)).get("Key")))
                .map(rule -> new LifecycleCoverage.Rule(String.valueOf(rule.get("Id")),
                        String.valueOf(((Map<String, Object>) ((List<?>) rule.get("TagFilters")).get(0)).get("Value")),
                        Integer.parseInt(String.valueOf(rule.get("ExpirationInDays")))))
                .toList();
    }
}
