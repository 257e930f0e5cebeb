package uk.callretention.tagging;

import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import uk.callretention.retention.DeadLetters;

/** The uploads' dead-letter queue through SQS. */
final class SqsDeadLetters implements DeadLetters {

    /** Longer than the function can run (15 minutes), so a letter that fails again is taken once per run. */
    private static final int HIDDEN_SECONDS = 960;
    /** Long enough for SQS to look on every server holding the queue, where a call with no wait may answer empty. */
    private static final int WAIT_SECONDS = 1;

    private final SqsClient sqs;
    private final String queueUrl;

    SqsDeadLetters(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public int waiting() {
        String count = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        return count == null ? 0 : Integer.parseInt(count);
    }

    @Override
    public List<Letter> take() {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(WAIT_SECONDS).visibilityTimeout(HIDDEN_SECONDS))
                .messages().stream().map(m -> new Letter(m.messageId(), m.body(), m.receiptHandle())).toList();
    }

    @Override
    public void discard(Letter letter) {
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(letter.receipt()));
    }
}
