package uk.callretention.local.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.callretention.local.template.Template;
import uk.callretention.local.template.TemplateFiles;

class ProvisionedStackTest {
    @TempDir
    Path folder;

    @Test
    void environmentOf_whenGlobalsReferToCreatedResourcesOrARole_resolvesEveryVariable() {
        Template template = TemplateFiles.load(folder, """
                Parameters:
                  Period:
                    Type: String
                    Default: P6M
                Globals:
                  Function:
                    Environment:
                      Variables:
                        BUCKET: !Ref Bucket
                        PERIOD: !Ref Period
                        OPTIONAL: !Ref AWS::NoValue
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                  JobRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument: {}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: fn.jar
                      Handler: uk.example.Handler
                      Environment:
                        Variables:
                          QUEUE_ARN: !Sub "${Bucket.Arn}/*"
                          ROLE_ARN: !GetAtt JobRole.Arn
                """);
        try (LocalAwsClients nowhere = LocalAwsClients.forEndpoint(URI.create("http://127.0.0.1:9"))) {
            ProvisionedStack stack = new ProvisionedStack(nowhere, template, "s", Map.of());
            stack.add(new Created("Bucket", S3Buckets.TYPE, "s-bucket", Map.of("Arn", "arn:aws:s3:::s-bucket")));

            assertThat(stack.environmentOf(template.functions().get("Fn"))).containsExactlyInAnyOrderEntriesOf(Map.of("BUCKET", "s-bucket",
                    "PERIOD", "P6M", "QUEUE_ARN", "arn:aws:s3:::s-bucket/*",
                    "ROLE_ARN", "arn:aws:iam::" + stack.intrinsics().pseudo().accountId() + ":role/JobRole"));
            assertThat(stack.bucketName("Bucket")).isEqualTo("s-bucket");
            assertThat(stack.physicalIds()).containsExactly(Map.entry("Bucket", "s-bucket"));
            assertThatThrownBy(() -> stack.queueUrl("Bucket")).hasMessageContaining("Bucket is not a AWS::SQS::Queue");
        }
    }
}
