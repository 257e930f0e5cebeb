package uk.callretention.local.runtime.batch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import uk.callretention.local.runtime.DaemonThreads;
import uk.callretention.local.runtime.RuntimeLog;

/**
 * The S3 Control jobs API on 127.0.0.1, which moto does not have: {@code POST /v20180820/jobs} (CreateJob),
 * {@code GET /v20180820/jobs/{id}} (DescribeJob) and {@code GET /v20180820/jobs} (ListJobs), with the account in the
 * {@code x-amz-account-id} header. The SDK puts the account in the host name unless its client has an endpoint
 * provider that returns this endpoint as it is. Requests are not signature-checked, as moto's are not.
 */
public final class S3ControlServer implements AutoCloseable {
    private static final String JOBS = "/v20180820/jobs";
    /** CreateJob bodies are a few kilobytes; anything near this is not one. */
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile BatchOperations jobs;

    private S3ControlServer(HttpServer server) {
        this.server = server;
        this.executor = Executors.newFixedThreadPool(2, new DaemonThreads("s3-control"));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Takes the port (0 picks a free one) at once, so functions can be told the endpoint before {@link #serve} starts answering. */
    public static S3ControlServer bind(int port) throws IOException {
        return new S3ControlServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0));
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public S3ControlServer serve(BatchOperations batchOperations) {
        this.jobs = batchOperations;
        server.start();
        return this;
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            try {
                answer(exchange);
            } catch (BatchRequestException e) {
                send(exchange, e.status(), S3ControlXml.error(e.code(), e.getMessage()));
            } catch (IOException | RuntimeException e) {
                RuntimeLog.error("S3 Control " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + ": " + e);
                send(exchange, 500, S3ControlXml.error("InternalServiceException", "the local S3 Control endpoint failed: " + e.getMessage()));
            }
        } catch (IOException | RuntimeException unanswerable) {
            // the client has gone; nothing is left to tell it
        }
    }

    private void answer(HttpExchange exchange) throws IOException, BatchRequestException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        byte[] body = readBody(exchange);
        if (path.equals(JOBS) || path.startsWith(JOBS + "/")) {
            requireAccount(exchange);
        }
        if (method.equals("POST") && path.equals(JOBS)) {
            send(exchange, 200, S3ControlXml.createJobResult(jobs.create(CreateJobRequests.parse(body))));
        } else if (method.equals("GET") && path.startsWith(JOBS + "/") && path.indexOf('/', JOBS.length() + 1) < 0) {
            String jobId = URLDecoder.decode(path.substring(JOBS.length() + 1), StandardCharsets.UTF_8);
            BatchJob.View job = jobs.describe(jobId)
                    .orElseThrow(() -> new BatchRequestException(404, BatchRequestException.NOT_FOUND, "no job " + jobId));
            send(exchange, 200, S3ControlXml.describeJobResult(job, jobs.region(), jobs.accountId()));
        } else if (method.equals("GET") && path.equals(JOBS)) {
            if (exchange.getRequestURI().getRawQuery() != null) {
                throw BatchRequestException.badRequest("ListJobs' jobStatuses, nextToken and maxResults are not supported by the local runtime;"
                        + " it lists every job");
            }
            send(exchange, 200, S3ControlXml.listJobsResult(jobs.list()));
        } else {
            throw new BatchRequestException(501, "NotImplemented", "the local S3 Control endpoint answers CreateJob (POST " + JOBS + "), DescribeJob (GET "
                    + JOBS + "/{id}) and ListJobs (GET " + JOBS + "), not " + method + " " + path);
        }
    }

    private void requireAccount(HttpExchange exchange) throws BatchRequestException {
        String account = exchange.getRequestHeaders().getFirst("x-amz-account-id");
        if (account == null || !account.equals(jobs.accountId())) {
            throw BatchRequestException.badRequest("the x-amz-account-id header must be the local stack's account " + jobs.accountId()
                    + (account == null ? "; it is missing" : ", not " + account));
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException, BatchRequestException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                in.transferTo(OutputStream.nullOutputStream());
                throw BatchRequestException.badRequest("the request body is over " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        }
    }

    private static void send(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
