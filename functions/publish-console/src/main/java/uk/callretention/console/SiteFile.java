package uk.callretention.console;

/** One object of the published console: its key in the bucket, its bytes, and the headers S3 serves it with. */
record SiteFile(String key, byte[] body, String contentType, String cacheControl) {
}
