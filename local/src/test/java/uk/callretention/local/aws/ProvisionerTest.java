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
import uk.callretention.local.template.UnsupportedTemplateException;

class ProvisionerTest {
    @TempDir
    Path folder;

    @Test
    void provision_whenResourceTypeIsNeitherCreatedNorSkipped_failsBeforeCreatingAnything() {
        Template template = TemplateFiles.load(folder, """
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                  Topic:
                    Type: AWS::SNS::Topic
                """);
        // Nothing listens here: the check must come before any call to a server.
        try (LocalAwsClients nowhere = LocalAwsClients.forEndpoint(URI.create("http://127.0.0.1:9"))) {
            Provisioner provisioner = new Provisioner(nowhere, template, "s", Map.of());

            assertThatThrownBy(provisioner::provision)
                    .isInstanceOf(UnsupportedTemplateException.class)
                    .hasMessageContaining("Topic is of type AWS::SNS::Topic")
                    .hasMessageContaining("AWS::S3::Bucket")
                    .hasMessageContaining("add support in " + Provisioner.class.getName());
        }
    }

    @Test
    void provision_whenOnlySkippedTypes_createsNothing() {
        Template template = TemplateFiles.load(folder, """
                Resources:
                  Key:
                    Type: AWS::KMS::Key
                  Route:
                    Type: AWS::ApiGatewayV2::Route
                  Distribution:
                    Type: AWS::CloudFront::Distribution
                  SecurityHeaders:
                    Type: AWS::CloudFront::ResponseHeadersPolicy
                  HostedUi:
                    Type: AWS::Cognito::UserPoolDomain
                  Site:
                    Type: Custom::ConsoleSite
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: fn.jar
                      Handler: uk.example.Handler
                """);
        try (LocalAwsClients nowhere = LocalAwsClients.forEndpoint(URI.create("http://127.0.0.1:9"))) {
            ProvisionedStack stack = new Provisioner(nowhere, template, "s", Map.of()).provision();

            assertThat(stack.physicalIds()).isEmpty();
            assertThat(stack.ref("Fn")).isEqualTo("Fn");
            assertThat(stack.getAtt("Fn", "Arn")).isEqualTo("arn:aws:lambda:eu-west-2:123456789012:function:Fn");
        }
    }
}
