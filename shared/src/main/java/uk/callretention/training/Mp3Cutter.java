package uk.callretention.training;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;
import uk.callretention.training.TrainingCopyRefused.Reason;

/**
 * Makes a training copy of an MP3 recording: decoded to 16-bit PCM and written as a WAV with the ranges cut (as
 * {@link WavCutter} cuts them). Re-encoding to MP3 would need an encoder and lose quality a second time; a WAV plays
 * everywhere a training session does. The copy begins with the decoder's own delay (about one frame), so a cut lands
 * within a few milliseconds of where it falls in a player of the MP3; widen ranges by a little when that matters.
 */
public final class Mp3Cutter {

    private static final int WAV_HEADER_BYTES = 44;
    private static final int ID3V1_BYTES = 128;

    private Mp3Cutter() {
    }

    /**
     * @throws TrainingCopyRefused {@code NO_RANGES} for an empty list; {@code NOT_AUDIO} when no MPEG audio frame is
     *                             found; {@code DAMAGED} when a frame cannot be decoded, the stream ends part-way
     *                             through a frame, or it changes sample rate or channels part-way; {@code RANGE_PAST_END} as {@link WavCutter#cut} does
     */
    public static byte[] cut(byte[] mp3, List<CutRange> ranges, CutFill fill) {
        if (ranges.isEmpty()) {
            throw new TrainingCopyRefused(Reason.NO_RANGES, "no ranges to cut");
        }
        byte[] wav = decodeToWav(mp3);
        WavCutter.cutInPlace(wav, ranges, fill);
        return wav;
    }

    static byte[] decodeToWav(byte[] mp3) {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        int channels = 0;
        int sampleRate = 0;
        int audioEnd = audioEnd(mp3);
        Bitstream stream = new Bitstream(new ByteArrayInputStream(mp3, 0, audioEnd));
        Decoder decoder = new Decoder();
        long framed = stream.header_pos();
        try {
            Header header;
            while ((header = stream.readFrame()) != null) {
                SampleBuffer out = (SampleBuffer) decoder.decodeFrame(header, stream);
                if (channels == 0) {
                    channels = out.getChannelCount();
                    sampleRate = out.getSampleFrequency();
                } else if (channels != out.getChannelCount() || sampleRate != out.getSampleFrequency()) {
                    throw new TrainingCopyRefused(Reason.DAMAGED, "the MP3 changes sample rate or channels part-way");
                }
                short[] samples = out.getBuffer();
                ByteBuffer bytes = ByteBuffer.allocate(out.getBufferLength() * 2).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < out.getBufferLength(); i++) {
                    bytes.putShort(samples[i]);
                }
                pcm.write(bytes.array(), 0, bytes.position());
                framed += header.framesize + 4;
                stream.closeFrame();
            }
        } catch (BitstreamException | DecoderException | RuntimeException e) {
            if (e instanceof TrainingCopyRefused refused) {
                throw refused;
            }
            // JLayer reports a damaged frame with its own exceptions and, on some corrupt data, an index out of bounds.
            throw new TrainingCopyRefused(Reason.DAMAGED, "the MP3 cannot be decoded: " + e.getClass().getSimpleName());
        }
        if (channels == 0 && stream.header_pos() < audioEnd && startsAFrame(mp3, stream.header_pos())) {
            throw new TrainingCopyRefused(Reason.DAMAGED, "the MP3 ends part-way through its first frame");
        }
        if (channels == 0) {
            throw new TrainingCopyRefused(Reason.NOT_AUDIO, "no MPEG audio frame found");
        }
        // JLayer stops quietly at a frame it cannot read whole; a frame header there means an upload cut short, and a
        // copy of it would lose the recording's end. Anything else after the last frame (an APE tag, say) is not audio.
        if (framed < audioEnd && startsAFrame(mp3, (int) framed)) {
            throw new TrainingCopyRefused(Reason.DAMAGED, "the MP3 ends part-way through a frame");
        }
        return wav(pcm.toByteArray(), channels, sampleRate);
    }

    /**
     * Where the frames end: before an ID3v1 tag, which JLayer would take for a lost sync and so drop the last frame
     * before it.
     */
    private static int audioEnd(byte[] mp3) {
        int tag = mp3.length - ID3V1_BYTES;
        boolean tagged = tag >= 0 && mp3[tag] == 'T' && mp3[tag + 1] == 'A' && mp3[tag + 2] == 'G';
        return tagged ? tag : mp3.length;
    }

    /** MPEG audio's frame sync: eleven bits set. */
    private static boolean startsAFrame(byte[] mp3, int at) {
        return (mp3[at] & 0xFF) == 0xFF && (at + 1 == mp3.length || (mp3[at + 1] & 0xE0) == 0xE0);
    }

    private static byte[] wav(byte[] pcm, int channels, int sampleRate) {
        int blockAlign = channels * 2;
        ByteBuffer out = ByteBuffer.allocate(WAV_HEADER_BYTES + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + pcm.length);
        out.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        out.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        out.putShort((short) WavCutter.PCM).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) 16);
        out.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.length).put(pcm);
        return out.array();
    }
}
