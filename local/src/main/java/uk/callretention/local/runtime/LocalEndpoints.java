package uk.callretention.local.runtime;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import uk.callretention.local.aws.ProvisionedStack;
import uk.callretention.local.runtime.http.HttpApiServer;
import uk.callretention.local.runtime.schedule.Schedule;
import uk.callretention.local.template.FunctionDefinition;
import uk.callretention.local.template.Template;

/** Where the running local stack is, as written to {@code .local/endpoints.json} for tools and people. */
public record LocalEndpoints(String region, String accountId, URI aws, URI api, URI s3Control, Map<String, String> buckets, Map<String, String> queues,
                             Map<String, String> tables, List<Map<String, Object>> functions, Map<String, String> schedules) {

    public static LocalEndpoints of(Template template, ProvisionedStack stack, URI aws, HttpApiServer api, URI s3Control, List<Schedule> schedules) {
        return new LocalEndpoints(stack.intrinsics().pseudo().region(), stack.intrinsics().pseudo().accountId(), aws, api.endpoint(), s3Control,
                namesOf(template, "AWS::S3::Bucket", stack::bucketName), namesOf(template, "AWS::SQS::Queue", stack::queueUrl),
                namesOf(template, "AWS::DynamoDB::Table", stack::tableName),
                template.functions().values().stream().map(LocalEndpoints::describe).toList(),
                schedules.stream().collect(Collectors.toMap(Schedule::key, schedule -> api.endpoint() + "/_local/schedules/" + schedule.key(),
                        (first, second) -> first, LinkedHashMap::new)));
    }

    private static Map<String, String> namesOf(Template template, String type, Function<String, String> name) {
        Map<String, String> names = new LinkedHashMap<>();
        template.resources().values().stream().filter(resource -> resource.type().equals(type))
                .forEach(resource -> names.put(resource.logicalId(), name.apply(resource.logicalId())));
        return names;
    }

    private static Map<String, Object> describe(FunctionDefinition function) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("logicalId", function.logicalId());
        described.put("handler", function.handler());
        described.put("events", function.events().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, event -> event.getValue().type(), (first, second) -> first, LinkedHashMap::new)));
        return described;
    }

    /** The staff console: the root of the API's origin. */
    public URI console() {
        return api.resolve("/");
    }

    private Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("region", region);
        json.put("accountId", accountId);
        for (String service : List.of("s3", "sqs", "dynamodb", "secretsmanager", "cognito-idp")) {
            json.put(service, aws.toString());
        }
        json.put("s3control", s3Control.toString());
        json.put("api", api.toString());
        json.put("console", console().toString());
        json.put("buckets", buckets);
        json.put("queues", queues);
        json.put("tables", tables);
        json.put("functions", functions);
        json.put("schedules", schedules);
        return json;
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, Json.writePretty(toJson()) + "\n");
    }
}
