package uk.callretention.local.runtime.batch;

/** A request S3 Control would refuse, with the error code and HTTP status its API gives (the SDK maps the code to its exception). */
final class BatchRequestException extends Exception {
    static final String BAD_REQUEST = "BadRequestException";
    static final String NOT_FOUND = "NotFoundException";
    static final String IDEMPOTENCY = "IdempotencyException";

    private final int status;
    private final String code;

    BatchRequestException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static BatchRequestException badRequest(String message) {
        return new BatchRequestException(400, BAD_REQUEST, message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
