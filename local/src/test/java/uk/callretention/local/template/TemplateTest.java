package uk.callretention.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateTest {
    @TempDir
    Path folder;

    @Test
    void load_whenShortFormTags_givesTheLongForm() {
        Template template = TemplateFiles.load(folder, """
                Resources:
                  Thing:
                    Type: AWS::SQS::Queue
                    Properties:
                      Ref: !Ref Param
                      Sub: !Sub "${AWS::StackName}-x"
                      SubList: !Sub ["${A}", {A: !Ref Param}]
                      GetAttDotted: !GetAtt Queue.Arn
                      GetAttList: !GetAtt [Queue, QueueName]
                      If: !If [IsProd, a, b]
                      Select: !Select [0, !GetAZs ""]
                      Join: !Join ["-", [a, b]]
                      Split: !Split [",", "a,b"]
                      FindInMap: !FindInMap [Map, Top, Second]
                      Base64: !Base64 text
                Conditions:
                  IsProd: !And [!Equals [!Ref Env, prod], !Not [!Condition IsTest], !Or [!Contains [[a], a]]]
                """);

        Map<String, Object> properties = template.resources().get("Thing").properties();
        assertThat(properties).containsEntry("Ref", Map.of("Ref", "Param"))
                .containsEntry("Sub", Map.of("Fn::Sub", "${AWS::StackName}-x"))
                .containsEntry("SubList", Map.of("Fn::Sub", List.of("${A}", Map.of("A", Map.of("Ref", "Param")))))
                .containsEntry("GetAttDotted", Map.of("Fn::GetAtt", List.of("Queue", "Arn")))
                .containsEntry("GetAttList", Map.of("Fn::GetAtt", List.of("Queue", "QueueName")))
                .containsEntry("If", Map.of("Fn::If", List.of("IsProd", "a", "b")))
                .containsEntry("Select", Map.of("Fn::Select", List.of(0, Map.of("Fn::GetAZs", ""))))
                .containsEntry("Join", Map.of("Fn::Join", List.of("-", List.of("a", "b"))))
                .containsEntry("Split", Map.of("Fn::Split", List.of(",", "a,b")))
                .containsEntry("FindInMap", Map.of("Fn::FindInMap", List.of("Map", "Top", "Second")))
                .containsEntry("Base64", Map.of("Fn::Base64", "text"));
        assertThat(template.conditions().get("IsProd")).isEqualTo(Map.of("Fn::And", List.of(
                Map.of("Fn::Equals", List.of(Map.of("Ref", "Env"), "prod")),
                Map.of("Fn::Not", List.of(Map.of("Condition", "IsTest"))),
                Map.of("Fn::Or", List.of(Map.of("Fn::Contains", List.of(List.of("a"), "a")))))));
    }

    @Test
    void load_whenUnquotedDate_keepsItAsWritten() {
        Template template = TemplateFiles.load(folder, """
                Resources:
                  Thing:
                    Type: AWS::SQS::Queue
                    Properties:
                      Since: 2025-01-31
                """);

        assertThat(template.resources().get("Thing").properties()).containsEntry("Since", "2025-01-31");
    }

    @Test
    void load_whenParametersAndResourceAttributes_readsThem() {
        Template template = TemplateFiles.load(folder, """
                Parameters:
                  Days:
                    Type: Number
                    Default: 90
                    AllowedValues: [30, 90]
                Conditions:
                  Always: !Equals [a, a]
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Condition: Always
                    DependsOn: Other
                  Other:
                    Type: AWS::SQS::Queue
                    DependsOn: [Queue]
                """);

        assertThat(template.parameters().get("Days")).isEqualTo(new Parameter("Days", "90", List.of("30", "90")));
        assertThat(template.resources().get("Queue")).isEqualTo(new Resource("Queue", "AWS::SQS::Queue", Map.of(), List.of("Other")));
        assertThat(template.resources().get("Other").dependsOn()).containsExactly("Queue");
        assertThat(template.conditionOf("Queue")).contains("Always");
        assertThat(template.conditionOf("Other")).isEmpty();
    }

    @Test
    void functions_whenGlobalsSet_mergesThemAsSamDoes() {
        Template template = TemplateFiles.load(folder, """
                Globals:
                  Function:
                    Timeout: 60
                    MemorySize: 1024
                    Environment:
                      Variables:
                        SHARED: from-globals
                        OVERRIDDEN: from-globals
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: functions/fn/target/fn.jar
                      Handler: uk.example.Handler::handleRequest
                      MemorySize: 512
                      Environment:
                        Variables:
                          OVERRIDDEN: from-function
                          OWN: !Ref Queue
                      Events:
                        Uploads:
                          Type: SQS
                          Properties:
                            Queue: !GetAtt Queue.Arn
                            BatchSize: 10
                  Queue:
                    Type: AWS::SQS::Queue
                """);

        FunctionDefinition function = template.functions().get("Fn");
        assertThat(function.codeUri()).isEqualTo(folder.toAbsolutePath().resolve("functions/fn/target/fn.jar"));
        assertThat(function.handler()).isEqualTo("uk.example.Handler::handleRequest");
        assertThat(function.timeoutSeconds()).isEqualTo(60);
        assertThat(function.memoryMb()).isEqualTo(512);
        assertThat(function.rawEnvironment()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "SHARED", "from-globals", "OVERRIDDEN", "from-function", "OWN", Map.of("Ref", "Queue")));
        assertThat(function.events()).containsExactly(Map.entry("Uploads",
                new EventSource("SQS", Map.of("Queue", Map.of("Fn::GetAtt", List.of("Queue", "Arn")), "BatchSize", 10))));
    }

    @Test
    void functions_whenNeitherFunctionNorGlobalsSetLimits_usesSamDefaults() {
        Template template = TemplateFiles.load(folder, """
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: fn.jar
                      Handler: uk.example.Handler
                """);

        FunctionDefinition function = template.functions().get("Fn");
        assertThat(function.timeoutSeconds()).isEqualTo(3);
        assertThat(function.memoryMb()).isEqualTo(128);
        assertThat(function.rawEnvironment()).isEmpty();
        assertThat(function.events()).isEmpty();
    }

    @Test
    void load_whenFunctionTimeoutIsAnIntrinsic_failsNamingTheFunctionAndProperty() {
        assertThatThrownBy(() -> TemplateFiles.load(folder, """
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: fn.jar
                      Handler: uk.example.Handler
                      Timeout: !Ref TimeoutParameter
                """))
                .isInstanceOf(UnsupportedTemplateException.class)
                .hasMessageContaining("Fn.Properties.Timeout")
                .hasMessageContaining("the local runtime supports a literal value")
                .hasMessageContaining("add support in");
    }

    @Test
    void load_whenProjectTemplate_readsItsFunctionsAndResources() {
        Template template = Template.load(Path.of("..", "template.yaml"));

        assertThat(template.resources()).containsKeys("RecordingsBucket", "UploadsQueue", "UploadsDeadLetterQueue", "CatalogueTable");
        assertThat(template.functions()).isNotEmpty().allSatisfy((logicalId, function) -> {
            assertThat(function.handler()).isNotBlank();
            assertThat(function.rawEnvironment()).containsKey("RECORDINGS_BUCKET");
        });
    }
}
