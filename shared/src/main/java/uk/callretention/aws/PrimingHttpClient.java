package uk.callretention.aws;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The HTTP client of the clients a function primes itself with before a SnapStart snapshot: it sends nothing anywhere
 * and answers each call from a table by operation name ({@code "GetItem"}), or by operation and DynamoDB table
 * ({@code "GetItem catalogue"}), which wins, as AWS would for the function's usual request, so the request path taken is
 * the common one. An operation the table does not name gets an empty success ({@code {}} for the JSON services, no body
 * for S3). It keeps the operations it answered, in order, for tests.
 */
public final class PrimingHttpClient implements SdkHttpClient {

    /** One canned answer: a status, headers (S3 puts results there) and a body. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {

        public static Answer json(String body) {
            return new Answer(200, Map.of(), body.getBytes(StandardCharsets.UTF_8));
        }

        public static Answer xml(String body) {
            return new Answer(200, Map.of("Content-Type", "application/xml"), body.getBytes(StandardCharsets.UTF_8));
        }

        public static Answer headers(Map<String, String> headers) {
            return new Answer(200, headers, new byte[0]);
        }

        /** DynamoDB's answer to GetItem that found {@code item}. */
        public static Answer item(Map<String, AttributeValue> item) {
            return json(text(Map.of("Item", wire(item))));
        }

        /** DynamoDB's answer to UpdateItem or PutItem asked to return the item, {@code item}. */
        public static Answer attributes(Map<String, AttributeValue> item) {
            return json(text(Map.of("Attributes", wire(item))));
        }

        /** DynamoDB's answer to Query or Scan that found {@code items}, the last page. */
        public static Answer items(List<Map<String, AttributeValue>> items) {
            return json(text(Map.of("Items", items.stream().map(Answer::wire).toList(), "Count", items.size(), "ScannedCount", items.size())));
        }

        /** An item as DynamoDB's JSON protocol writes it: each value tagged with its type. */
        private static Map<String, Object> wire(Map<String, AttributeValue> item) {
            Map<String, Object> wire = new LinkedHashMap<>();
            item.forEach((name, value) -> wire.put(name, wire(value)));
            return wire;
        }

        private static Map<String, Object> wire(AttributeValue value) {
            return switch (value.type()) {
                case S -> Map.of("S", value.s());
                case N -> Map.of("N", value.n());
                case BOOL -> Map.of("BOOL", value.bool());
                case NUL -> Map.of("NULL", true);
                case SS -> Map.of("SS", value.ss());
                case NS -> Map.of("NS", value.ns());
                case L -> Map.of("L", value.l().stream().map(Answer::wire).toList());
                case M -> Map.of("M", wire(value.m()));
                default -> throw new IllegalArgumentException("no canned form for a " + value.type() + " attribute");
            };
        }

        private static String text(Object json) {
            try {
                return JSON.std.asString(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Map<String, Answer> answers;
    private final List<String> answered = new CopyOnWriteArrayList<>();

    public PrimingHttpClient(Map<String, Answer> answersByOperation) {
        this.answers = Map.copyOf(answersByOperation);
    }

    /** The operations answered so far, in the order they were called. */
    public List<String> answered() {
        return List.copyOf(answered);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String operation = operation(request.httpRequest());
        answered.add(operation);
        Answer answer = table(request).map(table -> answers.get(operation + " " + table)).or(() -> Optional.ofNullable(answers.get(operation)))
                .orElse(request.httpRequest().firstMatchingHeader("X-Amz-Target").isPresent() ? Answer.json("{}") : Answer.headers(Map.of()));
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                byte[] body = answer.body();
                SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(answer.status())
                        .putHeader("Content-Length", Integer.toString(body.length));
                answer.headers().forEach(response::putHeader);
                return HttpExecuteResponse.builder().response(response.build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
            }

            @Override
            public void abort() {
                // nothing is in flight
            }
        };
    }

    /** The DynamoDB table a request names, if it names one. */
    private static Optional<String> table(HttpExecuteRequest request) {
        if (request.contentStreamProvider().isEmpty() || request.httpRequest().firstMatchingHeader("X-Amz-Target").isEmpty()) {
            return Optional.empty();
        }
        try (InputStream body = request.contentStreamProvider().get().newStream()) {
            return Optional.ofNullable(JSON.std.mapFrom(body).get("TableName")).map(String::valueOf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The operation a request calls: the JSON services name it in {@code X-Amz-Target} ({@code DynamoDB_20120810.GetItem});
     * S3 by its method, its query's sub-resource and its headers.
     */
    static String operation(SdkHttpRequest request) {
        Optional<String> target = request.firstMatchingHeader("X-Amz-Target");
        if (target.isPresent()) {
            return target.get().substring(target.get().lastIndexOf('.') + 1);
        }
        Map<String, List<String>> query = request.rawQueryParameters();
        SdkHttpMethod method = request.method();
        String subResource = query.containsKey("tagging") ? "Tagging" : query.containsKey("legal-hold") ? "LegalHold"
                : query.containsKey("versions") ? "Versions" : query.containsKey("delete") ? "Delete" : "";
        return switch (method) {
            case HEAD -> "HeadObject";
            case GET -> switch (subResource) {
                case "Tagging" -> "GetObjectTagging";
                case "LegalHold" -> "GetObjectLegalHold";
                case "Versions" -> "ListObjectVersions";
                default -> query.containsKey("list-type") ? "ListObjectsV2" : "GetObject";
            };
            case PUT -> switch (subResource) {
                case "Tagging" -> "PutObjectTagging";
                case "LegalHold" -> "PutObjectLegalHold";
                default -> request.firstMatchingHeader("x-amz-copy-source").isPresent() ? "CopyObject" : "PutObject";
            };
            case POST -> subResource.equals("Delete") ? "DeleteObjects" : "Post";
            case DELETE -> "DeleteObject";
            default -> method.name();
        };
    }

    @Override
    public String clientName() {
        return "Priming";
    }

    @Override
    public void close() {
        // holds nothing open
    }
}
