package uk.callretention.systemtests.local;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.callretention.systemtests.local.TestRuntimes.eventually;

import com.fasterxml.jackson.jr.ob.JSON;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import uk.callretention.local.LocalRuntime;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/** ScheduleV2 events run on their schedule, in their time zone, and on demand through the control route. */
@ExtendWith(LocalAwsExtension.class)
class ScheduleIntegrationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalAws aws;
    private static LocalRuntime runtime;

    @BeforeAll
    static void startRuntime() {
        // the OneOff schedule's at(...) is London time: a few seconds from now there
        String runAt = LocalDateTime.now(ZoneId.of("Europe/London")).plusSeconds(8).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        runtime = new LocalRuntime(TestRuntimes.options("template.yaml", aws).withParameterOverrides(Map.of("RunAt", runAt))).start();
    }

    @AfterAll
    static void stopRuntime() {
        runtime.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void runNow_whenGivenAnInput_theFunctionGetsItInsteadOfTheTemplatesAndItsResultIsTheAnswer() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(control("ScheduledJobFunction/Nightly"))
                .POST(HttpRequest.BodyPublishers.ofFile(TestRuntimes.EVENTS.resolve("scheduler-input.json"))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> result = JSON.std.mapFrom(response.body());
        assertThat((Map<String, Object>) result.get("input")).isEqualTo(Map.of("dryRun", true));
        assertThat(result).containsEntry("functionName", runtime.stack().stackName() + "-ScheduledJobFunction")
                .containsEntry("resultsTable", runtime.stack().tableName("ResultsTable"))
                .containsEntry("region", "eu-west-2")
                .containsEntry("memoryLimitInMB", 512);
        assertThat(((Number) result.get("remainingTimeInMillis")).intValue()).isBetween(25_000, 30_000);
    }

    @Test
    @SuppressWarnings("unchecked")
    void runNow_whenGivenNoBody_theFunctionGetsTheTemplatesInput() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(control("ScheduledJobFunction/Nightly"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat((Map<String, Object>) JSON.std.mapFrom(response.body()).get("input")).isEqualTo(Map.of("dryRun", false, "source", "nightly"));
    }

    @Test
    void runNow_whenNoSuchSchedule_is404NamingTheSchedules() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(control("ScheduledJobFunction/Hourly"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("ScheduledJobFunction/Nightly", "ScheduledJobFunction/OneOff");
    }

    @Test
    void schedule_whenItsTimeComes_theFunctionRunsWithTheTemplatesInput() {
        Map<String, AttributeValue> item = eventually(Duration.ofSeconds(20), "the OneOff schedule to run", () -> {
            Map<String, AttributeValue> found = aws.clients().dynamoDb().getItem(get -> get.tableName(runtime.stack().tableName("ResultsTable"))
                    .key(Map.of("id", AttributeValue.fromS("scheduled#one-off"))).consistentRead(true)).item();
            return found.isEmpty() ? Optional.empty() : Optional.of(found);
        });

        assertThat(item.get("functionName").s()).isEqualTo(runtime.stack().stackName() + "-ScheduledJobFunction");
    }

    private static URI control(String schedule) {
        return URI.create(runtime.apiEndpoint() + "/_local/schedules/" + schedule);
    }
}
