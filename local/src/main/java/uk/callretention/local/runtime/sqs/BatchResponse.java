package uk.callretention.local.runtime.sqs;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a function's answer to a batch as Lambda does when the mapping reports batch item failures. */
final class BatchResponse {
    private BatchResponse() {
    }

    /**
     * @return the ids of the messages to leave on the queue: none when the answer names no failures, all of them
     *         when it names an id that is empty or not in the batch (Lambda then treats the whole batch as failed)
     */
    static Set<String> failedIds(Object result, Set<String> batchIds) {
        if (!(result instanceof Map<?, ?> response) || !(response.get("batchItemFailures") instanceof List<?> failures)) {
            return Set.of();
        }
        Set<String> failed = new LinkedHashSet<>();
        for (Object failure : failures) {
            Object id = failure instanceof Map<?, ?> item ? item.get("itemIdentifier") : null;
            if (id == null || !batchIds.contains(id.toString())) {
                return batchIds;
            }
            failed.add(id.toString());
        }
        return failed;
    }
}
