package uk.callretention.aws;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import uk.callretention.statistics.Cell;
import uk.callretention.statistics.DayCounts;
import uk.callretention.statistics.Measure;
import uk.callretention.statistics.StatisticsStore;

/**
 * The daily counts in DynamoDB: one item per council (partition) and UK day (sort key), its counts a map from
 * {@code <measure>/<breakdown>} to a number, so a council's months are one query. One more item, under
 * {@value #RUN}, says the last day counted.
 */
public final class DynamoDbStatistics implements StatisticsStore {

    static final String RUN = "~run";
    private static final String SEPARATOR = "/";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbStatistics(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public void put(DayCounts counts) {
        Map<String, AttributeValue> values = new HashMap<>();
        counts.counts().forEach((cell, count) -> values.put(cell.measure().id() + SEPARATOR + cell.breakdown(), AttributeValue.fromN(Long.toString(count))));
        dynamoDb.putItem(put -> put.tableName(tableName).item(Map.of(
                "council", AttributeValue.fromS(counts.council()),
                "day", AttributeValue.fromS(counts.day().toString()),
                "counts", AttributeValue.fromM(values))));
    }

    @Override
    public List<DayCounts> between(String council, LocalDate from, LocalDate to) {
        return dynamoDb.queryPaginator(query -> query.tableName(tableName).consistentRead(true)
                        .keyConditionExpression("council = :council AND #day BETWEEN :from AND :to")
                        .expressionAttributeNames(Map.of("#day", "day"))
                        .expressionAttributeValues(Map.of(":council", AttributeValue.fromS(council),
                                ":from", AttributeValue.fromS(from.toString()), ":to", AttributeValue.fromS(to.toString()))))
                .items().stream().map(DynamoDbStatistics::counts).toList();
    }

    @Override
    public Optional<LocalDate> countedThrough() {
        Map<String, AttributeValue> item = dynamoDb.getItem(get -> get.tableName(tableName).key(runKey()).consistentRead(true)).item();
        return item == null || !item.containsKey("countedThrough") ? Optional.empty() : Optional.of(LocalDate.parse(item.get("countedThrough").s()));
    }

    @Override
    public void countedThrough(LocalDate day) {
        Map<String, AttributeValue> item = new HashMap<>(runKey());
        item.put("countedThrough", AttributeValue.fromS(day.toString()));
        dynamoDb.putItem(put -> put.tableName(tableName).item(item));
    }

    private static Map<String, AttributeValue> runKey() {
        return Map.of("council", AttributeValue.fromS(RUN), "day", AttributeValue.fromS(RUN));
    }

    private static DayCounts counts(Map<String, AttributeValue> item) {
        Map<Cell, Long> counts = new HashMap<>();
        item.get("counts").m().forEach((name, count) -> {
            int at = name.indexOf(SEPARATOR);
            counts.put(new Cell(Measure.fromId(name.substring(0, at)), name.substring(at + 1)), Long.parseLong(count.n()));
        });
        return new DayCounts(item.get("council").s(), LocalDate.parse(item.get("day").s()), counts);
    }
}
