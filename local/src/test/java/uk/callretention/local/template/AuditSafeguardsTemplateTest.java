package uk.callretention.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the project's template promises about records: nothing destroyed with the stack, no role deleting audit items. */
class AuditSafeguardsTemplateTest {

    static final Set<String> STATEFUL = Set.of("AWS::KMS::Key", "AWS::S3::Bucket", "AWS::DynamoDB::Table", "AWS::SecretsManager::Secret",
            "AWS::Cognito::UserPool", "AWS::SQS::Queue", "AWS::Logs::LogGroup");
    /** The console's bucket: its code and config.json, published anew from the build on every deploy. */
    static final Set<String> NOTHING_OF_RECORD = Set.of("ConsoleBucket");
    /** Actions that delete or replace items without a condition the trail could rely on. */
    static final Set<String> DELETING = Set.of("dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:PartiQLDelete", "dynamodb:DeleteTable",
            "dynamodb:*", "*");

    static Map<String, Object> resources() throws IOException {
        Map<?, ?> template = (Map<?, ?>) CloudFormationYaml.parse(Files.readString(Path.of("..", "template.yaml")));
        @SuppressWarnings("unchecked")
        Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
        return resources;
    }

    @Test
    void everyStatefulResource_isRetainedWhenTheStackIsDeletedOrItIsReplaced() throws IOException {
        List<String> stateful = new ArrayList<>();
        resources().forEach((logicalId, body) -> {
            Map<?, ?> resource = (Map<?, ?>) body;
            if (STATEFUL.contains(resource.get("Type")) && !NOTHING_OF_RECORD.contains(logicalId)) {
                stateful.add(logicalId);
                assertThat(resource.get("DeletionPolicy")).as(logicalId + " DeletionPolicy").isEqualTo("Retain");
                assertThat(resource.get("UpdateReplacePolicy")).as(logicalId + " UpdateReplacePolicy").isEqualTo("Retain");
            }
        });
        assertThat(stateful).contains("RecordingsKey", "RecordingsBucket", "CallerHashSecret", "AuditTable", "AuditDigestBucket", "StaffUserPool");
    }

    @Test
    void consoleBucket_goesWithTheStackAsItHoldsNothingOfRecord() throws IOException {
        Map<?, ?> bucket = (Map<?, ?>) resources().get("ConsoleBucket");

        assertThat(bucket.get("DeletionPolicy")).isEqualTo("Delete");
        assertThat(bucket.get("UpdateReplacePolicy")).isEqualTo("Delete");
    }

    @Test
    void noFunctionRole_mayDeleteAuditItems() throws IOException {
        List<String> auditGrants = new ArrayList<>();
        resources().forEach((logicalId, body) -> {
            Map<?, ?> properties = (Map<?, ?>) ((Map<?, ?>) body).get("Properties");
            if (properties == null || !(properties.get("Policies") instanceof List<?> policies)) {
                return;
            }
            for (Object policy : policies) {
                Map<?, ?> document = (Map<?, ?>) policy;
                // A SAM policy template naming the table (DynamoDBCrudPolicy...) would grant DeleteItem.
                document.keySet().stream().filter(name -> !"Statement".equals(name)).forEach(name ->
                        assertThat(String.valueOf(document.get(name))).as(logicalId + " " + name).doesNotContain("AuditTable"));
                for (Object statement : (List<?>) document.get("Statement")) {
                    Map<?, ?> grant = (Map<?, ?>) statement;
                    if (String.valueOf(grant.get("Resource")).contains("AuditTable")) {
                        auditGrants.add(logicalId + " " + grant.get("Sid"));
                        Object actions = grant.get("Action");
                        List<String> named = (actions instanceof List<?> list ? list : List.of(actions)).stream().map(String::valueOf).toList();
                        assertThat(named).as(logicalId + " " + grant.get("Sid")).doesNotContainAnyElementsOf(DELETING);
                    }
                }
            }
        });
        assertThat(auditGrants).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void auditDigestBucket_locksEachDigestInComplianceModeForTheRetentionParameter() throws IOException {
        Map<?, ?> bucket = (Map<?, ?>) ((Map<?, ?>) resources().get("AuditDigestBucket")).get("Properties");
        Map<?, ?> retention = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) bucket.get("ObjectLockConfiguration")).get("Rule")).get("DefaultRetention");

        assertThat(bucket.get("ObjectLockEnabled")).isEqualTo(true);
        assertThat(retention.get("Mode")).isEqualTo("COMPLIANCE");
        assertThat(retention.get("Years")).isEqualTo(Map.of("Ref", "AuditRetentionYears"));
        assertThat(Template.load(Path.of("..", "template.yaml")).parameters().get("AuditRetentionYears").defaultValue()).isEqualTo("6");
    }
}
