package uk.callretention.training;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds WAV bytes chunk by chunk for the tests, and reads samples back as values from -1 to 1. */
final class TestWave {

    static final int GSM_610 = 0x0031;
    static final int EXTENSIBLE = 0xFFFE;

    private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();

    static TestWave wave() {
        return new TestWave();
    }

    TestWave fmt(int format, int channels, int sampleRate, int bitsPerSample) {
        int blockAlign = channels * ((bitsPerSample + 7) / 8);
        return fmt(format, channels, sampleRate, sampleRate * blockAlign, blockAlign, bitsPerSample);
    }

    /** A fmt chunk as a compressed encoding's writer leaves it: its own average byte rate and block size. */
    TestWave fmt(int format, int channels, int sampleRate, int byteRate, int blockAlign, int bitsPerSample) {
        ByteBuffer body = le(16).putShort((short) format).putShort((short) channels).putInt(sampleRate)
                .putInt(byteRate).putShort((short) blockAlign).putShort((short) bitsPerSample);
        return chunk("fmt ", body.array());
    }

    /** WAVE_FORMAT_EXTENSIBLE wrapping a sub-format tag in the KSDATAFORMAT GUID. */
    TestWave fmtExtensible(int subFormat, int channels, int sampleRate, int bitsPerSample) {
        int blockAlign = channels * bitsPerSample / 8;
        ByteBuffer body = le(40).putShort((short) EXTENSIBLE).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) bitsPerSample)
                .putShort((short) 22).putShort((short) bitsPerSample).putInt(channels == 2 ? 3 : 4)
                .putShort((short) subFormat).put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        return chunk("fmt ", body.array());
    }

    /** A LIST chunk of tags, an odd size so a pad byte follows. */
    TestWave list(String text) {
        return chunk("LIST", ("INFOICMT" + text).getBytes(StandardCharsets.US_ASCII));
    }

    TestWave data(byte[] samples) {
        return chunk("data", samples);
    }

    /** A data chunk whose header says {@code declared} bytes whatever follows: a streaming writer's size, or a lie. */
    TestWave dataDeclaring(long declared, byte[] samples) {
        chunks.writeBytes("data".getBytes(StandardCharsets.US_ASCII));
        chunks.writeBytes(le(4).putInt((int) declared).array());
        chunks.writeBytes(samples);
        return this;
    }

    TestWave chunk(String id, byte[] body) {
        chunks.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
        chunks.writeBytes(le(4).putInt(body.length).array());
        chunks.writeBytes(body);
        if (body.length % 2 == 1) {
            chunks.write(0);
        }
        return this;
    }

    byte[] bytes() {
        byte[] body = chunks.toByteArray();
        ByteBuffer out = le(12 + body.length);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + body.length).put("WAVE".getBytes(StandardCharsets.US_ASCII)).put(body);
        return out.array();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A sample's value from -1 to 1, decoded independently of the code under test. */
    static double value(SampleCoding coding, byte[] wav, int at) {
        return switch (coding) {
            case UNSIGNED_8 -> ((wav[at] & 0xFF) - 128) / 128.0;
            case SIGNED_16 -> signed(wav, at, 2) / 32768.0;
            case SIGNED_24 -> signed(wav, at, 3) / 8388608.0;
            case SIGNED_32 -> signed(wav, at, 4) / 2147483648.0;
            case FLOAT_32 -> Float.intBitsToFloat((int) signed(wav, at, 4));
            case FLOAT_64 -> Double.longBitsToDouble(signed(wav, at, 8));
            case MU_LAW -> muLawToLinear(wav[at]) / 32768.0;
            case A_LAW -> aLawToLinear(wav[at]) / 32768.0;
        };
    }

    private static long signed(byte[] bytes, int at, int size) {
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            value = value << 8 | (bytes[at + i] & 0xFF);
        }
        return size == 8 ? value : value << (64 - 8 * size) >> (64 - 8 * size);
    }

    /** G.711's reference decoder. */
    static int muLawToLinear(byte code) {
        int u = ~code & 0xFF;
        int t = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }

    static int aLawToLinear(byte code) {
        int a = (code & 0xFF) ^ 0x55;
        int t = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        t = switch (segment) {
            case 0 -> t + 8;
            case 1 -> t + 0x108;
            default -> (t + 0x108) << (segment - 1);
        };
        return (a & 0x80) != 0 ? t : -t;
    }
}
