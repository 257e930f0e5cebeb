package uk.callretention.aws;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import uk.callretention.access.AccessCatalogue;
import uk.callretention.recording.CatalogueEntry;

/**
 * The catalogue as the access API reads it: one item by id, a team's recordings through the {@code byTeamDate}
 * index, a caller's through the keys-only {@code byCaller} index and a call's through the keys-only {@code byCallId}
 * index, then each item by id.
 *
 * <p>Index sort keys are {@code <ISO instant>#<id>}. A bound is an instant written to the second without its
 * {@code Z}: it sorts before every key of that second, whatever fraction of a second the key carries.
 */
public final class DynamoDbAccessCatalogue implements AccessCatalogue {

    private static final int SECONDS = "2026-01-01T00:00:00".length();
    private static final Instant LAST_BOUND = Instant.parse("9999-12-31T23:59:59Z");

    private final DynamoDbTable<CatalogueItem> table;
    private final DynamoDbIndex<CatalogueItem> byTeamDate;
    private final DynamoDbIndex<CatalogueItem> byCaller;
    private final DynamoDbIndex<CatalogueItem> byCallId;
    private final DynamoDbIndex<CatalogueItem> byTrainingCopyOf;

    public DynamoDbAccessCatalogue(DynamoDbClient dynamoDb, String tableName) {
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build().table(tableName, CatalogueItem.SCHEMA);
        this.byTeamDate = table.index(CatalogueItem.BY_TEAM_DATE);
        this.byCaller = table.index(CatalogueItem.BY_CALLER);
        this.byTrainingCopyOf = table.index(CatalogueItem.BY_TRAINING_COPY_OF);
        this.byCallId = table.index(CatalogueItem.BY_CALL_ID);
    }

    @Override
    public Optional<CatalogueEntry> find(String recordingId) {
        // Consistent: a recording deleted or held a moment ago must answer as such.
        return Optional.ofNullable(table.getItem(get -> get.key(Key.builder().partitionValue(recordingId).build()).consistentRead(true)))
                .map(CatalogueItem::toEntry);
    }

    @Override
    public TeamPage teamRecordings(String council, String team, Instant from, Instant until, int limit, Optional<String> pageToken) {
        return page(CatalogueItem.teamOf(council, team), from, until, limit, pageToken);
    }

    @Override
    public TeamPage quarantinedRecordings(String council, Instant from, Instant until, int limit, Optional<String> pageToken) {
        return page(CatalogueItem.quarantineOf(council), from, until, limit, pageToken);
    }

    private TeamPage page(String partition, Instant from, Instant until, int limit, Optional<String> pageToken) {
        QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
                .queryConditional(between(partition, from, until))
                .scanIndexForward(false)
                .limit(limit);
        pageToken.ifPresent(token -> query.exclusiveStartKey(PageToken.decode(token, partition)));
        Page<CatalogueItem> page = byTeamDate.query(query.build()).iterator().next();
        return new TeamPage(page.items().stream().map(CatalogueItem::toEntry).toList(),
                Optional.ofNullable(page.lastEvaluatedKey()).filter(key -> !key.isEmpty()).map(PageToken::encode));
    }

    @Override
    public List<CatalogueEntry> callerRecordings(String callerHash, Instant from, Instant until, int max) {
        return fetched(byCaller, QueryEnhancedRequest.builder().queryConditional(between(callerHash, from, until)).build(), max);
    }

    @Override
    public List<CatalogueEntry> callRecordings(String council, String callId, Instant from, Instant until, int max) {
        return fetched(byCallId, QueryEnhancedRequest.builder().queryConditional(between(CatalogueItem.callOf(council, callId), from, until))
                .scanIndexForward(false).build(), max);
    }

    /** The items a keys-only index query names, each read by id (consistently), at most {@code max}. */
    private List<CatalogueEntry> fetched(DynamoDbIndex<CatalogueItem> index, QueryEnhancedRequest query, int max) {
        List<CatalogueEntry> found = new ArrayList<>();
        for (Page<CatalogueItem> page : index.query(query)) {
            for (CatalogueItem key : page.items()) {
                if (found.size() == max) {
                    return found;
                }
                find(key.recordingId).ifPresent(found::add);
            }
        }
        return found;
    }

    /**
     * An end after year 9999 (the day after 31 December 9999) has no four-digit text to bound the keys with, so the
     * range is left open above: every key is of an earlier instant.
     */
    private static QueryConditional between(String partition, Instant from, Instant until) {
        Key lower = bound(partition, from);
        return until.isBefore(LAST_BOUND) ? QueryConditional.sortBetween(lower, bound(partition, until)) : QueryConditional.sortGreaterThanOrEqualTo(lower);
    }

    private static Key bound(String partition, Instant instant) {
        return Key.builder().partitionValue(partition).sortValue(SortableInstant.of(instant).substring(0, SECONDS)).build();
    }

    /**
     * The index key a page stopped at, as an opaque token: base64url of its JSON. A token is accepted only for the
     * partition it was made for, so no token reaches another council's or team's recordings.
     */
    private static final class PageToken {
        private static final List<String> KEYS = List.of("recordingId", "councilTeam", "recordedAtId");

        static String encode(Map<String, AttributeValue> key) {
            Map<String, String> values = new LinkedHashMap<>();
            KEYS.forEach(name -> values.put(name, key.get(name).s()));
            try {
                return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.std.asBytes(values));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Map<String, AttributeValue> decode(String token, String partition) {
            Map<String, Object> values;
            try {
                values = JSON.std.mapFrom(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                throw new InvalidPageTokenException();
            }
            if (values == null || !values.keySet().equals(Set.copyOf(KEYS)) || !partition.equals(values.get("councilTeam"))
                    || !values.values().stream().allMatch(String.class::isInstance)) {
                throw new InvalidPageTokenException();
            }
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            values.forEach((name, value) -> key.put(name, AttributeValue.fromS((String) value)));
            return key;
        }
    }

    @Override
    public List<String> trainingCopiesOf(String recordingId) {
        return CatalogueItem.trainingCopiesOf(byTrainingCopyOf, recordingId);
    }
}
