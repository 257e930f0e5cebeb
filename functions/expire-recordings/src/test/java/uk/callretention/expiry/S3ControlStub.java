package uk.callretention.expiry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * S3 Control's CreateJob and DescribeJob over HTTP, as the SDK calls them, for tests on a machine where nothing runs
 * batch jobs: records each request and answers with the job the test describes. moto serves no batch jobs; the local
 * runtime plays S3 Batch Operations for end-to-end runs.
 */
final class S3ControlStub implements AutoCloseable {

    /** One request as S3 Control received it. */
    record Request(String method, String path, String accountId, String host, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private int created;
    private volatile String jobId = "";
    private volatile String describedJob = "";

    S3ControlStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** DescribeJob answers with this job: a status, the user arguments the job was created with, and its task counts. */
    void describe(String id, String status, String runId, boolean dryRun, long total, long succeeded, long failed) {
        this.jobId = id;
        this.describedJob = "<Job><JobId>" + id + "</JobId><Status>" + status + "</Status>"
                + "<Operation><LambdaInvoke><FunctionArn>arn:aws:lambda:eu-west-2:123456789012:function:ReapplyPolicyFunction</FunctionArn>"
                + "<InvocationSchemaVersion>2.0</InvocationSchemaVersion><UserArguments>"
                + "<entry><key>runId</key><value>" + runId + "</value></entry><entry><key>dryRun</key><value>" + dryRun + "</value></entry>"
                + "</UserArguments></LambdaInvoke></Operation>"
                + "<ProgressSummary><TotalNumberOfTasks>" + total + "</TotalNumberOfTasks><NumberOfTasksSucceeded>" + succeeded
                + "</NumberOfTasksSucceeded><NumberOfTasksFailed>" + failed + "</NumberOfTasksFailed></ProgressSummary></Job>";
    }

    private synchronized String createdJobId() {
        return "created-" + ++created;
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        synchronized (this) {
            requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("x-amz-account-id"),
                    exchange.getRequestHeaders().getFirst("Host"), body));
        }
        String xmlns = " xmlns=\"http://awss3control.amazonaws.com/doc/2018-08-20/\"";
        String answer;
        int status = 200;
        if (exchange.getRequestMethod().equals("POST") && path.equals("/v20180820/jobs")) {
            answer = "<CreateJobResult" + xmlns + "><JobId>" + createdJobId() + "</JobId></CreateJobResult>";
        } else if (exchange.getRequestMethod().equals("GET") && path.equals("/v20180820/jobs/" + jobId) && !describedJob.isEmpty()) {
            answer = "<DescribeJobResult" + xmlns + ">" + describedJob + "</DescribeJobResult>";
        } else {
            status = 404;
            answer = "<ErrorResponse><Error><Code>NoSuchJob</Code><Message>The specified job does not exist</Message></Error></ErrorResponse>";
            exchange.getResponseHeaders().add("x-amzn-ErrorType", "NotFoundException");
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
