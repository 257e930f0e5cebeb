package uk.callretention.system.console;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Real recordings for the console to play: PCM WAV files a browser decodes, of a known length. */
public final class Wavs {
    private static final int SAMPLE_RATE = 8000;

    private Wavs() {
    }

    /** A sine tone, 8 kHz 16-bit mono (telephone audio), exactly {@code seconds} long to the sample. */
    public static byte[] tone(double seconds, double hz) {
        int samples = (int) Math.round(seconds * SAMPLE_RATE);
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        wav.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1).putInt(SAMPLE_RATE)
                .putInt(SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            wav.putShort((short) Math.round(Math.sin(2 * Math.PI * hz * i / SAMPLE_RATE) * Short.MAX_VALUE * 0.3));
        }
        return wav.array();
    }
}
