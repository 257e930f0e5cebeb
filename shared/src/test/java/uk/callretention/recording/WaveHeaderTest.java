package uk.callretention.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WaveHeaderTest {

    private static final int PCM = 0x0001;
    private static final int MU_LAW = 0x0007;
    private static final int GSM_610 = 0x0031;
    private static final int EXTENSIBLE = 0xFFFE;

    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of("PCM, 8 kHz 16-bit mono, one second",
                        wave().fmt(PCM, 1, 8000, 16000, 2).data(16_000), 16_000L, Optional.of(Duration.ofSeconds(1))),
                Arguments.of("mu-law, 8 kHz mono, a minute and a half",
                        wave().fmt(MU_LAW, 1, 8000, 8000, 1).data(720_000), 720_000L, Optional.of(Duration.ofSeconds(90))),
                Arguments.of("a LIST of tags (odd size, so a pad byte) between fmt and data",
                        wave().fmt(PCM, 1, 8000, 16000, 2).chunk("LIST", 27).data(24_000), 24_000L, Optional.of(Duration.ofMillis(1500))),
                Arguments.of("JUNK padding to 4 KiB before fmt, as writers leave room for RF64",
                        wave().chunk("JUNK", 4084).fmt(PCM, 1, 8000, 16000, 2).data(32_000), 32_000L, Optional.of(Duration.ofSeconds(2))),
                Arguments.of("WAVE_FORMAT_EXTENSIBLE, 44.1 kHz 16-bit stereo",
                        wave().fmtExtensible(2, 44_100, 176_400, 4).data(352_800), 352_800L, Optional.of(Duration.ofSeconds(2))),
                Arguments.of("GSM 6.10 with its fact chunk: the stated average byte rate",
                        wave().fmt(GSM_610, 1, 8000, 1625, 65).chunk("fact", 4).data(16_250), 16_250L, Optional.of(Duration.ofSeconds(10))),
                Arguments.of("a streaming writer's data size of 0: the rest of the object",
                        wave().fmt(PCM, 1, 8000, 16000, 2).data(0), 48_000L, Optional.of(Duration.ofSeconds(3))),
                Arguments.of("a streaming writer's data size of 0xFFFFFFFF: the rest of the object",
                        wave().fmt(PCM, 1, 8000, 16000, 2).data(0xFFFF_FFFFL), 8_000L, Optional.of(Duration.ofMillis(500))),
                Arguments.of("an upload cut short: only what the object holds plays",
                        wave().fmt(PCM, 1, 8000, 16000, 2).data(160_000), 40_000L, Optional.of(Duration.ofMillis(2500))),
                Arguments.of("a fraction of a millisecond is dropped",
                        wave().fmt(PCM, 1, 8000, 16000, 2).data(16_003), 16_003L, Optional.of(Duration.ofMillis(1000))),
                Arguments.of("no audio at all",
                        wave().fmt(PCM, 1, 8000, 16000, 2).data(0), 0L, Optional.of(Duration.ZERO)),
                Arguments.of("data before fmt: no rate to play it at",
                        wave().data(16_000).fmt(PCM, 1, 8000, 16000, 2), 16_000L, Optional.empty()),
                Arguments.of("no fmt chunk",
                        wave().chunk("LIST", 10).data(16_000), 16_000L, Optional.empty()),
                Arguments.of("PCM whose byte rate contradicts its sample rate and frame size",
                        wave().fmt(PCM, 1, 8000, 12_345, 2).data(16_000), 16_000L, Optional.empty()),
                Arguments.of("a byte rate of 0",
                        wave().fmt(GSM_610, 1, 8000, 0, 65).data(16_000), 16_000L, Optional.empty()),
                Arguments.of("a fmt chunk too short to hold a byte rate",
                        wave().chunk("fmt ", 8).data(16_000), 16_000L, Optional.empty()),
                Arguments.of("a chunk before data larger than the bytes read",
                        wave().fmt(PCM, 1, 8000, 16000, 2).chunk("LIST", 100_000).data(16_000), 16_000L, Optional.empty()),
                Arguments.of("the header ends before the data chunk",
                        wave().fmt(PCM, 1, 8000, 16000, 2), 16_000L, Optional.empty()),
                Arguments.of("RIFF but not WAVE",
                        new Header("AVI ").fmt(PCM, 1, 8000, 16000, 2).data(16_000), 16_000L, Optional.empty()),
                Arguments.of("MP3 bytes",
                        new Header(ascii("ID3\u0004\0\0\0\0\0\0\0\0")), 16_000L, Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void duration_readsTheDataSizeOverTheByteRate_orNothing(String description, Header written, long audioBytes, Optional<Duration> expected) {
        byte[] header = written.bytes();
        // As the tagger reads it: the object's first bytes, at most as many as the content check asks for.
        byte[] head = Arrays.copyOf(header, Math.min(header.length, ContentCheck.BYTES_NEEDED));

        assertThat(WaveHeader.duration(head, header.length + audioBytes)).isEqualTo(expected);
    }

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("PCM, 16-bit mono, data right after fmt",
                        wave().fmt(PCM, 1, 8000, 16000, 2).data(16_000), 16_000,
                        Optional.of(new WaveHeader.Layout(PCM, 1, 8000, 2, 16, 44, 16_000, false))),
                Arguments.of("a LIST of odd size before data: its pad byte counted",
                        wave().fmt(PCM, 1, 8000, 16000, 2).chunk("LIST", 27).data(16_000), 16_000,
                        Optional.of(new WaveHeader.Layout(PCM, 1, 8000, 2, 16, 80, 16_000, false))),
                Arguments.of("WAVE_FORMAT_EXTENSIBLE: the wrapped encoding",
                        wave().fmtExtensible(2, 44_100, 176_400, 4).data(400), 400,
                        Optional.of(new WaveHeader.Layout(PCM, 2, 44_100, 4, 16, 68, 400, false))),
                Arguments.of("a streaming writer's size of 0: the rest of the object",
                        wave().fmt(MU_LAW, 1, 8000, 8000, 1).data(0), 8000,
                        Optional.of(new WaveHeader.Layout(MU_LAW, 1, 8000, 1, 8, 44, 8000, false))),
                Arguments.of("an upload cut short: what is there, marked truncated",
                        wave().fmt(PCM, 1, 8000, 16000, 2).data(16_000), 6_000,
                        Optional.of(new WaveHeader.Layout(PCM, 1, 8000, 2, 16, 44, 6_000, true))),
                Arguments.of("data before fmt", wave().data(16).fmt(PCM, 1, 8000, 16000, 2), 16, Optional.empty()),
                Arguments.of("a contradictory fmt", wave().fmt(PCM, 1, 8000, 12_345, 2).data(16), 16, Optional.empty()),
                Arguments.of("not a WAV", new Header(ascii("ID3\u0004\0\0\0\0\0\0\0\0")), 16, Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void layout_whenWholeObjectGiven_saysWhereTheSamplesLie(String description, Header written, int audioBytes, Optional<WaveHeader.Layout> expected) {
        byte[] header = written.bytes();

        assertThat(WaveHeader.layout(Arrays.copyOf(header, header.length + audioBytes))).isEqualTo(expected);
    }

    private static Header wave() {
        return new Header("WAVE");
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The bytes of a RIFF header, chunk by chunk, up to and including the data chunk's header (the audio itself is not needed). */
    static final class Header {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Header(String form) {
            bytes.writeBytes(ascii("RIFF"));
            bytes.writeBytes(le32(0));
            bytes.writeBytes(ascii(form));
        }

        Header(byte[] raw) {
            bytes.writeBytes(raw);
        }

        Header fmt(int format, int channels, int sampleRate, long byteRate, int blockAlign) {
            ByteBuffer fmt = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            fmt.putShort((short) format).putShort((short) channels).putInt(sampleRate).putInt((int) byteRate).putShort((short) blockAlign)
                    .putShort((short) (format == GSM_610 ? 0 : 8 * blockAlign / channels));
            return chunk("fmt ", fmt.array());
        }

        Header fmtExtensible(int channels, int sampleRate, long byteRate, int blockAlign) {
            ByteBuffer fmt = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
            int bits = 8 * blockAlign / channels;
            fmt.putShort((short) EXTENSIBLE).putShort((short) channels).putInt(sampleRate).putInt((int) byteRate).putShort((short) blockAlign)
                    .putShort((short) bits).putShort((short) 22).putShort((short) bits).putInt(0x3)
                    // KSDATAFORMAT_SUBTYPE_PCM
                    .put(new byte[] {1, 0, 0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
            return chunk("fmt ", fmt.array());
        }

        /** A chunk of that many zero bytes, with RIFF's pad byte after an odd size. */
        Header chunk(String id, int size) {
            return chunk(id, new byte[size]);
        }

        /** A data chunk's header declaring that size; its bytes are not written. */
        Header data(long declaredSize) {
            bytes.writeBytes(ascii("data"));
            bytes.writeBytes(le32(declaredSize));
            return this;
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }

        private Header chunk(String id, byte[] body) {
            bytes.writeBytes(ascii(id));
            bytes.writeBytes(le32(body.length));
            bytes.writeBytes(body);
            if (body.length % 2 == 1) {
                bytes.write(0);
            }
            return this;
        }

        private static byte[] le32(long value) {
            return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array();
        }
    }
}
