package uk.callretention;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The domain decides from facts alone; AWS types stay in the repositories, clients and handlers, and HTTP (statuses,
 * headers, the API's events and JSON shapes) in the adapter package {@code uk.callretention.http}. Only the policy file
 * parser reads YAML: a function reads the compiled book, and its jar holds no YAML parser.
 */
@AnalyzeClasses(packages = "uk.callretention", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domain_whenCompiled_dependsOnNoAwsOrHttpTypes = noClasses()
            .that().resideInAnyPackage(
                    "uk.callretention.policy..",
                    "uk.callretention.recording..",
                    "uk.callretention.retention..",
                    "uk.callretention.access..",
                    "uk.callretention.audit..",
                    "uk.callretention.training..",
                    "uk.callretention.statistics..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..", "com.amazonaws..", "uk.callretention.http..");

    @ArchTest
    static final ArchRule yaml_whenRead_isReadOnlyByThePolicyFileParser = noClasses()
            .that().haveNameNotMatching("uk\\.callretention\\.policy\\.(CouncilPolicyParser|PolicyMapping|PolicyValue)(\\$.*)?")
            .should().dependOnClassesThat().resideInAPackage("org.yaml..");

    /** JLayer is optional in shared: only the MP3 training copy decodes audio, so only a function that makes one carries it. */
    @ArchTest
    static final ArchRule mp3_whenDecoded_isDecodedOnlyByTheMp3Cutter = noClasses()
            .that().haveNameNotMatching("uk\\.callretention\\.training\\.Mp3Cutter(\\$.*)?")
            .should().dependOnClassesThat().resideInAPackage("javazoom..");
}
