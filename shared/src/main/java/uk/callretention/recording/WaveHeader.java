package uk.callretention.recording;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;

/**
 * How long a WAV recording plays, read from the RIFF header at the start of its bytes: the {@code data} chunk's size
 * over the {@code fmt } chunk's byte rate. Chunks are walked one by one (LIST, fact, bext, JUNK and any other before
 * {@code data} are stepped over, with RIFF's pad byte after an odd size), so the figure never depends on where a
 * writer put its header. Anything that does not read as a WAV header gives no duration, never a guess.
 */
public final class WaveHeader {

    /** A streaming writer that cannot seek back leaves the data size as one of these: the data runs to the end of the object. */
    private static final long UNKNOWN_SIZE_ZERO = 0;
    private static final long UNKNOWN_SIZE_ALL_ONES = 0xFFFF_FFFFL;

    /**
     * Formats whose frames are all the same size (PCM, IEEE float, A-law, mu-law, and WAVE_FORMAT_EXTENSIBLE, which wraps
     * them): their byte rate is exactly the sample rate times the frame size, and a header that says otherwise is wrong.
     * A compressed format's byte rate is its writer's stated average, which is what every player goes by.
     */
    private static final Set<Integer> FIXED_FRAME_FORMATS = Set.of(0x0001, 0x0003, 0x0006, 0x0007, 0xFFFE);

    private static final int FMT_MIN_SIZE = 16;

    private WaveHeader() {
    }

    /**
     * @param head       the object's first bytes, as many as were read
     * @param objectSize the whole object's size: the data chunk is cut to what the object holds, and a data size a
     *                   streaming writer left unknown is taken as the rest of the object
     * @return the duration to the millisecond, or empty when the header does not say
     */
    public static Optional<Duration> duration(byte[] head, long objectSize) {
        return dataChunk(head).flatMap(found -> playing(dataBytes(found.dataSize(), objectSize - found.dataOffset()), byteRate(head, found.fmt())));
    }

    /** Where the fmt chunk's body and the data chunk are, as far as {@code head} shows them. */
    private record Chunks(int fmt, long fmtSize, int dataOffset, long dataSize) {
    }

    /**
     * Walks the chunks to the data chunk: empty when the bytes are not RIFF/WAVE, or end before the data chunk, or no
     * consistent fmt chunk comes before it (a data chunk before any fmt chunk has no rate to play at).
     */
    private static Optional<Chunks> dataChunk(byte[] head) {
        if (head.length < 12 || !ascii(head, 0).equals("RIFF") || !ascii(head, 8).equals("WAVE")) {
            return Optional.empty();
        }
        int fmt = -1;
        long fmtSize = 0;
        long offset = 12;
        while (offset + 8 <= head.length) {
            int at = (int) offset;
            String id = ascii(head, at);
            long size = uint32(head, at + 4);
            long body = offset + 8;
            if (id.equals("fmt ")) {
                if (size < FMT_MIN_SIZE || body + FMT_MIN_SIZE > head.length || byteRate(head, (int) body) == 0) {
                    return Optional.empty();
                }
                fmt = (int) body;
                fmtSize = size;
            } else if (id.equals("data")) {
                return fmt < 0 ? Optional.empty() : Optional.of(new Chunks(fmt, fmtSize, (int) body, size));
            }
            offset = body + size + (size & 1);
        }
        return Optional.empty();
    }

    /**
     * Where a WAV's samples lie and how they are laid out, for code that rewrites samples in place and must leave every
     * other byte alone. The same walk as {@link #duration}: chunks before {@code data} stepped over, pad bytes honoured.
     *
     * @param encoding      the fmt chunk's format tag, or for WAVE_FORMAT_EXTENSIBLE the tag its sub-format GUID wraps
     * @param blockAlign    bytes per sample frame, all channels
     * @param dataOffset    where the first sample's byte is in the object
     * @param dataBytes     the data chunk's bytes as far as the object holds them (a streaming writer's unknown size
     *                      taken as the rest of the object)
     * @param truncated     the header declares more data than the object holds: an upload cut short
     */
    public record Layout(int encoding, int channels, long sampleRate, int blockAlign, int bitsPerSample,
                         int dataOffset, long dataBytes, boolean truncated) {
    }

    /**
     * @param wav a whole WAV object
     * @return its layout, or empty when it does not read as a WAV with a consistent fmt chunk before its data chunk
     */
    public static Optional<Layout> layout(byte[] wav) {
        return dataChunk(wav).map(found -> {
            int fmt = found.fmt();
            long available = wav.length - found.dataOffset();
            boolean streamed = found.dataSize() == UNKNOWN_SIZE_ZERO || found.dataSize() == UNKNOWN_SIZE_ALL_ONES;
            return new Layout(encoding(wav, fmt, found.fmtSize()), uint16(wav, fmt + 2), uint32(wav, fmt + 4), uint16(wav, fmt + 12),
                    uint16(wav, fmt + 14), found.dataOffset(), dataBytes(found.dataSize(), available),
                    !streamed && found.dataSize() > available);
        });
    }

    /** WAVE_FORMAT_EXTENSIBLE names its real encoding in the first two bytes of the sub-format GUID, after cbSize and two fields. */
    private static int encoding(byte[] wav, int fmt, long fmtSize) {
        int tag = uint16(wav, fmt);
        if (tag == 0xFFFE) {
            return fmtSize >= 40 && fmt + 26 <= wav.length ? uint16(wav, fmt + 24) : 0;
        }
        return tag;
    }

    /** The fmt chunk's byte rate, or 0 when the chunk contradicts itself. */
    private static long byteRate(byte[] head, int fmt) {
        int format = uint16(head, fmt);
        int channels = uint16(head, fmt + 2);
        long sampleRate = uint32(head, fmt + 4);
        long byteRate = uint32(head, fmt + 8);
        int blockAlign = uint16(head, fmt + 12);
        if (channels == 0 || sampleRate == 0 || blockAlign == 0) {
            return 0;
        }
        if (FIXED_FRAME_FORMATS.contains(format) && byteRate != sampleRate * blockAlign) {
            return 0;
        }
        return byteRate;
    }

    /** What the data chunk holds, as far as the object holds it: a header written before an upload was cut short says more. */
    private static long dataBytes(long declared, long available) {
        if (available <= 0) {
            return 0;
        }
        return declared == UNKNOWN_SIZE_ZERO || declared == UNKNOWN_SIZE_ALL_ONES ? available : Math.min(declared, available);
    }

    private static Optional<Duration> playing(long bytes, long byteRate) {
        long seconds = bytes / byteRate;
        long nanos = (bytes % byteRate) * 1_000_000_000L / byteRate;
        return Optional.of(Duration.ofSeconds(seconds, nanos).truncatedTo(ChronoUnit.MILLIS));
    }

    private static String ascii(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.ISO_8859_1);
    }

    private static int uint16(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
    }

    private static long uint32(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFFL) | (bytes[offset + 1] & 0xFFL) << 8 | (bytes[offset + 2] & 0xFFL) << 16 | (bytes[offset + 3] & 0xFFL) << 24;
    }
}
