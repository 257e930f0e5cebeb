package uk.callretention.training;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import uk.callretention.recording.WaveHeader;
import uk.callretention.training.TrainingCopyRefused.Reason;

/**
 * Cuts time ranges out of a WAV recording for a training copy: the samples of every frame in a cut range are replaced
 * by the encoding's silence or by a tone, and every other byte (header, LIST and other chunks, the samples outside the
 * cuts) is copied as it is, so the copy plays in the same format and for the same length as its source.
 *
 * <p>Ranges are turned into whole sample frames (all channels), widened outwards to the frame boundaries so that no
 * part of a spoken detail survives a rounding. Overlapping and touching ranges are merged. A range that ends after the
 * audio does is cut to the audio's end, as a user marking "to the end" cannot know the length to the millisecond; a
 * range that starts at or after the end is refused, as it names audio that is not there and most likely the wrong
 * recording or a wrong time.
 */
public final class WavCutter {

    static final int PCM = 0x0001;
    static final int IEEE_FLOAT = 0x0003;
    static final int A_LAW = 0x0006;
    static final int MU_LAW = 0x0007;

    private static final double TONE_HZ = 1000;
    private static final double TONE_LEVEL = 0.1;

    private WavCutter() {
    }

    /**
     * @param wav    the source recording's bytes; not changed
     * @param ranges the ranges to cut, in any order, overlapping or not
     * @param fill   silence or a tone
     * @return a new WAV, the same length as the source
     * @throws TrainingCopyRefused {@code NO_RANGES} for an empty list; {@code NOT_AUDIO} when the bytes are not a WAV
     *                             with a fmt chunk before its data chunk; {@code UNSUPPORTED_ENCODING} for a compressed
     *                             encoding or sample size this cannot silence in place; {@code DAMAGED} when the data
     *                             chunk declares more than the object holds or ends part-way through a frame;
     *                             {@code RANGE_PAST_END} when a range starts at or after the end of the audio
     */
    public static byte[] cut(byte[] wav, List<CutRange> ranges, CutFill fill) {
        byte[] copy = wav.clone();
        cutInPlace(copy, ranges, fill);
        return copy;
    }

    /** As {@link #cut}, over bytes no one else holds (a WAV just decoded), so a long recording is not held twice. */
    static void cutInPlace(byte[] wav, List<CutRange> ranges, CutFill fill) {
        if (ranges.isEmpty()) {
            throw new TrainingCopyRefused(Reason.NO_RANGES, "no ranges to cut");
        }
        WaveHeader.Layout layout = WaveHeader.layout(wav)
                .orElseThrow(() -> new TrainingCopyRefused(Reason.NOT_AUDIO, "not a WAV with a fmt chunk before its data"));
        SampleCoding coding = SampleCoding.of(layout);
        if (layout.truncated()) {
            throw new TrainingCopyRefused(Reason.DAMAGED, "the data chunk declares more bytes than the recording holds");
        }
        if (layout.dataBytes() % layout.blockAlign() != 0) {
            throw new TrainingCopyRefused(Reason.DAMAGED, "the data chunk ends part-way through a sample frame");
        }
        long frames = layout.dataBytes() / layout.blockAlign();
        // Every check is done and every range resolved before the first byte is written: a refusal leaves no half-cut copy.
        List<FrameSpan> spans = frameSpans(ranges, layout.sampleRate(), frames);
        for (FrameSpan span : spans) {
            for (long frame = span.from(); frame < span.to(); frame++) {
                byte[] sample = fill == CutFill.TONE ? coding.encode(tone(frame, layout.sampleRate())) : coding.silence();
                int at = (int) (layout.dataOffset() + frame * layout.blockAlign());
                for (int channel = 0; channel < layout.channels(); channel++) {
                    System.arraycopy(sample, 0, wav, at + channel * sample.length, sample.length);
                }
            }
        }
    }

    /** Whole frames [from, to) to overwrite, sorted and merged, within the audio. */
    record FrameSpan(long from, long to) {
    }

    static List<FrameSpan> frameSpans(List<CutRange> ranges, long sampleRate, long frames) {
        List<FrameSpan> spans = new ArrayList<>();
        for (CutRange range : ranges) {
            long from = frameAtOrBefore(range.start(), sampleRate);
            if (from >= frames) {
                throw new TrainingCopyRefused(Reason.RANGE_PAST_END,
                        "a cut starts at " + range.start() + ", at or after the end of the audio");
            }
            spans.add(new FrameSpan(from, Math.min(frameAtOrAfter(range.end(), sampleRate), frames)));
        }
        spans.sort(Comparator.comparingLong(FrameSpan::from));
        List<FrameSpan> merged = new ArrayList<>();
        for (FrameSpan span : spans) {
            FrameSpan last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && span.from() <= last.to()) {
                merged.set(merged.size() - 1, new FrameSpan(last.from(), Math.max(last.to(), span.to())));
            } else {
                merged.add(span);
            }
        }
        return merged;
    }

    private static long frameAtOrBefore(Duration time, long sampleRate) {
        return time.getSeconds() * sampleRate + time.getNano() * sampleRate / 1_000_000_000L;
    }

    private static long frameAtOrAfter(Duration time, long sampleRate) {
        long nanoFrames = time.getNano() * sampleRate;
        return time.getSeconds() * sampleRate + (nanoFrames + 999_999_999L) / 1_000_000_000L;
    }

    /** The tone's value at a frame, from -1 to 1; timed from the recording's start so each cut's tone is continuous. */
    private static double tone(long frame, long sampleRate) {
        return TONE_LEVEL * Math.sin(2 * Math.PI * TONE_HZ * frame / sampleRate);
    }
}
