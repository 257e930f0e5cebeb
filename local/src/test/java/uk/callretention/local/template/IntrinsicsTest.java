package uk.callretention.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntrinsicsTest {
    private static final ResourceAttributes ATTRIBUTES = new ResourceAttributes() {
        @Override
        public String ref(String logicalId) {
            return logicalId.equals("Queue") ? "http://local/123456789012/queue" : null;
        }

        @Override
        public String getAtt(String logicalId, String attribute) {
            return logicalId.equals("Queue") && attribute.equals("Arn") ? "arn:aws:sqs:eu-west-2:123456789012:queue" : null;
        }
    };

    @TempDir
    Path folder;
    private Intrinsics intrinsics;

    @BeforeEach
    void loadTemplate() {
        Template template = TemplateFiles.load(folder, """
                Parameters:
                  Env:
                    Type: String
                    Default: test
                    AllowedValues: [test, prod]
                Conditions:
                  IsProd: !Equals [!Ref Env, prod]
                  IsTest: !Not [!Condition IsProd]
                  NeverCreated: !Equals [a, b]
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                  Key:
                    Type: AWS::KMS::Key
                  Skipped:
                    Type: AWS::SQS::Queue
                    Condition: NeverCreated
                """);
        intrinsics = new Intrinsics(template, PseudoParameters.local("stack1"), Map.of(), ATTRIBUTES);
    }

    @Test
    void resolve_whenSubNamesParametersAndPseudoParameters_substitutesThem() {
        Object resolved = intrinsics.resolve(Map.of("Fn::Sub", "${AWS::StackName}-${Env}-${AWS::AccountId}-${AWS::Region}-${AWS::Partition}.${AWS::URLSuffix}"), "Thing", "Properties.Name");

        assertThat(resolved).isEqualTo("stack1-test-123456789012-eu-west-2-aws.amazonaws.com");
    }

    @Test
    void resolve_whenSubNamesAResourceAndItsAttribute_usesRefAndGetAtt() {
        assertThat(intrinsics.resolve(Map.of("Fn::Sub", "${Queue} ${Queue.Arn}"), "Thing", "Properties.Name"))
                .isEqualTo("http://local/123456789012/queue arn:aws:sqs:eu-west-2:123456789012:queue");
    }

    @Test
    void resolve_whenSubHasAnEscapedVariable_keepsItLiterally() {
        assertThat(intrinsics.resolve(Map.of("Fn::Sub", "${!Literal}-${Env}"), "Thing", "Properties.Name")).isEqualTo("${Literal}-test");
    }

    @Test
    void resolve_whenSubListForm_usesItsOwnVariablesFirst() {
        Object raw = Map.of("Fn::Sub", List.of("${Env}/${Arn}", Map.of("Env", "own", "Arn", Map.of("Fn::GetAtt", List.of("Queue", "Arn")))));

        assertThat(intrinsics.resolve(raw, "Thing", "Properties.Name")).isEqualTo("own/arn:aws:sqs:eu-west-2:123456789012:queue");
    }

    @Test
    void resolve_whenOverridden_usesTheOverrideOverTheDefault() {
        Intrinsics prod = new Intrinsics(TemplateFiles.load(folder, """
                Parameters:
                  Env:
                    Type: String
                    Default: test
                """), PseudoParameters.local("s"), Map.of("Env", "prod"), ATTRIBUTES);

        assertThat(prod.resolve(Map.of("Ref", "Env"), "Thing", "Properties.Env")).isEqualTo("prod");
        assertThat(prod.parameterValues()).containsEntry("Env", "prod");
    }

    @Test
    void resolve_whenNoValue_removesTheKeyOrListElement() {
        Map<String, Object> raw = Map.of("Keep", "yes", "Drop", Map.of("Ref", "AWS::NoValue"),
                "List", List.of("a", Map.of("Fn::If", List.of("IsProd", "b", Map.of("Ref", "AWS::NoValue")))));

        assertThat(intrinsics.resolve(raw, "Thing", "Properties")).isEqualTo(Map.of("Keep", "yes", "List", List.of("a")));
    }

    @Test
    void condition_whenComposed_evaluatesEqualsAndNot() {
        assertThat(intrinsics.condition("IsProd")).isFalse();
        assertThat(intrinsics.condition("IsTest")).isTrue();
        assertThat(intrinsics.resolve(Map.of("Fn::If", List.of("IsProd", "prod", "test")), "Thing", "Properties.X")).isEqualTo("test");
    }

    @Test
    void includes_whenResourceConditionIsFalse_excludesIt() {
        assertThat(intrinsics.includes("Skipped")).isFalse();
        assertThat(intrinsics.includes("Queue")).isTrue();
    }

    @Test
    void resolve_whenListFunctions_joinsSelectsAndSplits() {
        assertThat(intrinsics.resolve(Map.of("Fn::Join", List.of("+", Map.of("Fn::Split", List.of(",", "a,b,c")))), "T", "P")).isEqualTo("a+b+c");
        assertThat(intrinsics.resolve(Map.of("Fn::Select", List.of("1", Map.of("Fn::Split", List.of("/", "x/y/z")))), "T", "P")).isEqualTo("y");
    }

    @Test
    void resolve_whenIntrinsicIsUnsupported_failsNamingItWhereItIsAndWhatToDo() {
        for (String unused : List.of("Fn::FindInMap", "Fn::Base64", "Fn::GetAZs", "Fn::And", "Fn::Or", "Fn::Contains", "Fn::Cidr")) {
            assertThatThrownBy(() -> intrinsics.resolve(Map.of(unused, List.of("a", "b")), "Thing", "Properties.X"))
                    .isInstanceOf(UnsupportedTemplateException.class).hasMessageContaining(unused + " at Thing.Properties.X").hasMessageContaining("is not supported locally");
        }
        assertThatThrownBy(() -> intrinsics.resolve(Map.of("Ref", "AWS::StackId"), "Thing", "Properties.X"))
                .isInstanceOf(UnsupportedTemplateException.class).hasMessageContaining("AWS::StackId");
        assertThatThrownBy(() -> intrinsics.resolve(Map.of("Name", Map.of("Fn::ImportValue", "shared-bucket")), "RecordingsBucket", "Properties"))
                .isInstanceOf(UnsupportedTemplateException.class)
                .hasMessageContaining("Fn::ImportValue")
                .hasMessageContaining("RecordingsBucket.Properties.Name")
                .hasMessageContaining("the local runtime supports Ref, Fn::Sub, Fn::GetAtt, Fn::If, Fn::Equals, Fn::Not, Fn::Select, Fn::Join, Fn::Split;")
                .hasMessageContaining("add support in " + Intrinsics.class.getName());
    }

    @Test
    void resolve_whenAttributeHasNoLocalValue_failsNamingTheAttributeAndResourceType() {
        assertThatThrownBy(() -> intrinsics.resolve(Map.of("Fn::GetAtt", List.of("Key", "Arn")), "RecordingsBucket", "Properties.BucketEncryption"))
                .isInstanceOf(UnsupportedTemplateException.class)
                .hasMessageContaining("Fn::GetAtt Key.Arn")
                .hasMessageContaining("RecordingsBucket.Properties.BucketEncryption")
                .hasMessageContaining("AWS::KMS::Key");
    }

    @Test
    void new_whenOverrideIsNotAllowed_failsNamingTheAllowedValues() {
        Template template = TemplateFiles.load(folder, """
                Parameters:
                  Env:
                    Type: String
                    Default: test
                    AllowedValues: [test, prod]
                """);

        assertThatThrownBy(() -> new Intrinsics(template, PseudoParameters.local("s"), Map.of("Env", "staging"), ATTRIBUTES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[test, prod]");
        assertThatThrownBy(() -> new Intrinsics(template, PseudoParameters.local("s"), Map.of("Typo", "x"), ATTRIBUTES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Typo");
    }
}
