package uk.callretention.local.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.callretention.local.template.Resource;
import uk.callretention.local.template.TemplateFiles;

class CreationOrderTest {
    @TempDir
    Path folder;

    @Test
    void of_whenResourcesReferToLaterOnes_putsWhatTheyNameFirst() {
        var resources = TemplateFiles.load(folder, """
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    DependsOn: QueuePolicy
                    Properties:
                      Name: !Sub "${Table}-x"
                  QueuePolicy:
                    Type: AWS::SQS::QueuePolicy
                    Properties:
                      Queues: [!Ref Queue]
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      RedrivePolicy:
                        deadLetterTargetArn: !GetAtt DeadLetters.Arn
                  DeadLetters:
                    Type: AWS::SQS::Queue
                  Table:
                    Type: AWS::DynamoDB::Table
                """).resources();

        assertThat(CreationOrder.of(resources)).extracting(Resource::logicalId)
                .containsExactly("DeadLetters", "Queue", "QueuePolicy", "Table", "Bucket");
    }

    @Test
    void of_whenResourcesDependOnEachOther_failsNamingTheCircle() {
        var resources = TemplateFiles.load(folder, """
                Resources:
                  A:
                    Type: AWS::SQS::Queue
                    DependsOn: B
                  B:
                    Type: AWS::SQS::Queue
                    Properties:
                      X: !Ref A
                """).resources();

        assertThatThrownBy(() -> CreationOrder.of(resources)).hasMessageContaining("A -> B -> A");
    }
}
