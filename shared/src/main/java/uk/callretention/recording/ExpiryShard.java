package uk.callretention.recording;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The key of the catalogue's expiry index: the expiry day plus one of a fixed number of shards, so that a busy
 * day's recordings spread over several partitions and a sweep reads a day by querying each shard.
 */
public final class ExpiryShard {

    public static final int SHARDS = 16;

    private ExpiryShard() {
    }

    public static String of(LocalDate expiresOn, String recordingId) {
        return key(expiresOn, Math.floorMod(recordingId.hashCode(), SHARDS));
    }

    public static List<String> allFor(LocalDate day) {
        return IntStream.range(0, SHARDS).mapToObj(shard -> key(day, shard)).toList();
    }

    private static String key(LocalDate day, int shard) {
        return day + "#" + (shard < 10 ? "0" : "") + shard;
    }
}
