package uk.callretention.local.runtime.sqs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import uk.callretention.local.runtime.DaemonThreads;
import uk.callretention.local.runtime.RuntimeLog;
import uk.callretention.local.runtime.function.FunctionFailedException;
import uk.callretention.local.runtime.function.LambdaFunction;

/**
 * Polls a queue for a function as Lambda's SQS event source mapping does. It never changes a message's
 * visibility: a message the function does not succeed on stays in flight until the queue's visibility timeout
 * ends, comes back, and after the redrive policy's maxReceiveCount goes to the dead-letter queue (moto applies
 * both, as SQS does).
 */
public final class SqsPoller implements AutoCloseable {
    private static final int LONG_POLL_SECONDS = 1;
    private static final long BACK_OFF_MILLIS = 1000;
    private static final String RETRIED = "they return after the queue's visibility timeout, and go to its dead-letter queue"
            + " (if it has one) after the redrive policy's maxReceiveCount";

    private final SqsMapping mapping;
    private final SqsClient sqs;
    private final LambdaFunction function;
    private final String region;
    private final Thread thread;
    private volatile boolean running = true;

    public SqsPoller(SqsMapping mapping, SqsClient sqs, LambdaFunction function, String region) {
        this.mapping = mapping;
        this.sqs = sqs;
        this.function = function;
        this.region = region;
        this.thread = new DaemonThreads("sqs-" + mapping).newThread(this::pollUntilClosed);
    }

    public SqsPoller start() {
        thread.start();
        return this;
    }

    private void pollUntilClosed() {
        while (running) {
            try {
                List<Message> batch = receiveBatch();
                if (!batch.isEmpty() && running) {
                    deliver(batch);
                }
            } catch (RuntimeException e) {
                if (running) {
                    RuntimeLog.error("SQS " + mapping + ": " + e.getMessage() + "; polling again in a second");
                    sleep(BACK_OFF_MILLIS);
                }
            }
        }
    }

    /** Up to BatchSize messages, gathered for at most MaximumBatchingWindowInSeconds after the first arrives. */
    private List<Message> receiveBatch() {
        List<Message> batch = new ArrayList<>(receive(mapping.batchSize(), LONG_POLL_SECONDS));
        Instant windowEnds = Instant.now().plus(mapping.batchingWindow());
        while (!batch.isEmpty() && batch.size() < mapping.batchSize() && Instant.now().isBefore(windowEnds) && running) {
            List<Message> more = receive(mapping.batchSize() - batch.size(), 0);
            if (more.isEmpty()) {
                sleep(100);
            }
            batch.addAll(more);
        }
        return batch;
    }

    private List<Message> receive(int atMost, int waitSeconds) {
        return sqs.receiveMessage(request -> request.queueUrl(mapping.queueUrl())
                .maxNumberOfMessages(Math.min(SqsMapping.MAX_PER_RECEIVE, atMost))
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
    }

    private void deliver(List<Message> batch) {
        Map<String, Message> byId = new LinkedHashMap<>();
        batch.forEach(message -> byId.put(message.messageId(), message));
        Set<String> failed;
        try {
            Object result = function.invoke(SqsEvents.of(batch, mapping.queueArn(), region));
            failed = mapping.reportBatchItemFailures() ? BatchResponse.failedIds(result, byId.keySet()) : Set.of();
        } catch (FunctionFailedException e) {
            function.logFailure("SQS " + mapping + " batch of messages " + byId.keySet() + " failed; " + RETRIED, e);
            return;
        }
        if (!failed.isEmpty()) {
            RuntimeLog.info("SQS " + mapping + ": the function reported failures for " + failed + "; " + RETRIED);
        }
        List<Message> succeeded = byId.values().stream().filter(message -> !failed.contains(message.messageId())).toList();
        delete(succeeded);
    }

    private void delete(List<Message> messages) {
        for (int from = 0; from < messages.size(); from += SqsMapping.MAX_PER_RECEIVE) {
            List<DeleteMessageBatchRequestEntry> entries = messages.subList(from, Math.min(messages.size(), from + SqsMapping.MAX_PER_RECEIVE))
                    .stream()
                    .map(message -> DeleteMessageBatchRequestEntry.builder().id(message.messageId()).receiptHandle(message.receiptHandle()).build())
                    .toList();
            var response = sqs.deleteMessageBatch(request -> request.queueUrl(mapping.queueUrl()).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                RuntimeLog.error("SQS " + mapping + ": could not delete " + response.failed().stream()
                        .map(f -> f.id() + " (" + f.message() + ")").collect(Collectors.joining(", ")));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
