package uk.callretention.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.callretention.training.TestWave.wave;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.callretention.recording.WaveHeader;
import uk.callretention.training.TrainingCopyRefused.Reason;
import uk.callretention.training.WavCutter.FrameSpan;

class WavCutterTest {

    private static final List<CutRange> TWO_CUTS = List.of(cut(250, 500), cut(1000, 1250));
    /** -60 dBFS: A-law has no code for zero, and its silence (0xD5) decodes to 8 in 32768. */
    private static final double SILENT_RMS = 1e-3;

    /** A 2-second 440 Hz tone at half scale, every channel alike. */
    static byte[] toneSamples(SampleCoding coding, int channels, int sampleRate) {
        int frames = 2 * sampleRate;
        byte[] first = coding.encode(0);
        byte[] out = new byte[frames * channels * first.length];
        for (int frame = 0; frame < frames; frame++) {
            byte[] sample = coding.encode(0.5 * Math.sin(2 * Math.PI * 440 * frame / sampleRate));
            for (int channel = 0; channel < channels; channel++) {
                System.arraycopy(sample, 0, out, (frame * channels + channel) * sample.length, sample.length);
            }
        }
        return out;
    }

    static Stream<Arguments> encodings() {
        return Stream.of(
                Arguments.of("unsigned 8-bit PCM, mono", SampleCoding.UNSIGNED_8, WavCutter.PCM, 1, 8000, 8, new byte[] {(byte) 0x80}),
                Arguments.of("16-bit PCM, mono", SampleCoding.SIGNED_16, WavCutter.PCM, 1, 8000, 16, new byte[] {0, 0}),
                Arguments.of("16-bit PCM, stereo", SampleCoding.SIGNED_16, WavCutter.PCM, 2, 16000, 16, new byte[] {0, 0}),
                Arguments.of("24-bit PCM, stereo", SampleCoding.SIGNED_24, WavCutter.PCM, 2, 8000, 24, new byte[] {0, 0, 0}),
                Arguments.of("32-bit PCM, mono", SampleCoding.SIGNED_32, WavCutter.PCM, 1, 8000, 32, new byte[4]),
                Arguments.of("32-bit float, stereo", SampleCoding.FLOAT_32, WavCutter.IEEE_FLOAT, 2, 8000, 32, new byte[4]),
                Arguments.of("64-bit float, mono", SampleCoding.FLOAT_64, WavCutter.IEEE_FLOAT, 1, 8000, 64, new byte[8]),
                Arguments.of("mu-law, mono", SampleCoding.MU_LAW, WavCutter.MU_LAW, 1, 8000, 8, new byte[] {(byte) 0xFF}),
                Arguments.of("A-law, stereo", SampleCoding.A_LAW, WavCutter.A_LAW, 2, 8000, 8, new byte[] {(byte) 0xD5}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void cut_whenSilence_cutFramesAreSilentAndEveryOtherByteIsTheSource(
            String name, SampleCoding coding, int format, int channels, int rate, int bits, byte[] silence) {
        byte[] source = wave().fmt(format, channels, rate, bits).data(toneSamples(coding, channels, rate)).bytes();
        byte[] before = source.clone();

        byte[] copy = WavCutter.cut(source, TWO_CUTS, CutFill.SILENCE);

        assertThat(source).as("source untouched").isEqualTo(before);
        assertCut(source, copy, coding, rate, TWO_CUTS);
        WaveHeader.Layout layout = WaveHeader.layout(copy).orElseThrow();
        int cutAt = layout.dataOffset() + rate / 4 * layout.blockAlign();
        assertThat(Arrays.copyOfRange(copy, cutAt, cutAt + silence.length)).as("the encoding's own silence").isEqualTo(silence);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void cut_whenTone_cutFramesHoldAOneKilohertzToneAtATenthOfFullScale(
            String name, SampleCoding coding, int format, int channels, int rate, int bits, byte[] silence) {
        byte[] source = wave().fmt(format, channels, rate, bits).data(toneSamples(coding, channels, rate)).bytes();

        byte[] copy = WavCutter.cut(source, List.of(cut(500, 1500)), CutFill.TONE);

        assertOutsideIdentical(source, copy, rate, List.of(cut(500, 1500)));
        WaveHeader.Layout layout = WaveHeader.layout(copy).orElseThrow();
        double[] cutOut = channelValues(copy, layout, coding, rate / 2, rate + rate / 2, channels - 1);
        assertThat(rms(cutOut)).isBetween(0.06, 0.08);
        // One second of 1 kHz crosses zero 2000 times, give or take the ends.
        assertThat(zeroCrossings(cutOut)).isBetween(1990, 2010);
    }

    @Test
    void cut_whenListChunksBeforeAndAfterData_keepsThemByteForByte() {
        byte[] samples = toneSamples(SampleCoding.SIGNED_16, 1, 8000);
        byte[] source = wave().fmt(WavCutter.PCM, 1, 8000, 16).list("before data").data(samples).list("after").bytes();

        byte[] copy = WavCutter.cut(source, TWO_CUTS, CutFill.SILENCE);

        assertCut(source, copy, SampleCoding.SIGNED_16, 8000, TWO_CUTS);
        int tail = source.length - 18;
        assertThat(Arrays.copyOfRange(copy, tail, copy.length)).isEqualTo(Arrays.copyOfRange(source, tail, source.length));
    }

    @Test
    void cut_whenDataChunkHasAnOddSizeAndAPadByte_cutsToItsLastSampleAndKeepsThePadAndWhatFollows() {
        byte[] samples = Arrays.copyOf(toneSamples(SampleCoding.UNSIGNED_8, 1, 8000), 15_999);
        byte[] source = wave().fmt(WavCutter.PCM, 1, 8000, 8).data(samples).list("after").bytes();

        byte[] copy = WavCutter.cut(source, List.of(cut(1900, 2000)), CutFill.SILENCE);

        assertCut(source, copy, SampleCoding.UNSIGNED_8, 8000, List.of(cut(1900, 2000)));
        int pad = 44 + samples.length;
        assertThat(copy[pad - 1]).as("the last sample").isEqualTo((byte) 0x80);
        assertThat(Arrays.copyOfRange(copy, pad, copy.length)).isEqualTo(Arrays.copyOfRange(source, pad, source.length));
    }

    @Test
    void cut_whenExtensibleFormat_cutsTheWrappedEncoding() {
        byte[] source = wave().fmtExtensible(WavCutter.PCM, 2, 8000, 24).data(toneSamples(SampleCoding.SIGNED_24, 2, 8000)).bytes();

        byte[] copy = WavCutter.cut(source, TWO_CUTS, CutFill.SILENCE);

        assertCut(source, copy, SampleCoding.SIGNED_24, 8000, TWO_CUTS);
    }

    @Test
    void cut_whenStreamingWriterLeftTheDataSizeZero_cutsToTheEndOfTheObject() {
        byte[] source = wave().fmt(WavCutter.PCM, 1, 8000, 16).dataDeclaring(0, toneSamples(SampleCoding.SIGNED_16, 1, 8000)).bytes();

        byte[] copy = WavCutter.cut(source, List.of(cut(1500, 5000)), CutFill.SILENCE);

        assertCut(source, copy, SampleCoding.SIGNED_16, 8000, List.of(cut(1500, 2000)));
    }

    @Test
    void cut_whenRangeEndsAfterTheAudio_cutsToTheEnd() {
        byte[] source = wave().fmt(WavCutter.PCM, 1, 8000, 16).data(toneSamples(SampleCoding.SIGNED_16, 1, 8000)).bytes();

        byte[] copy = WavCutter.cut(source, List.of(cut(1750, 60_000)), CutFill.SILENCE);

        assertThat(copy).hasSameSizeAs(source);
        assertCut(source, copy, SampleCoding.SIGNED_16, 8000, List.of(cut(1750, 2000)));
    }

    @Test
    void cut_whenRangesOverlap_cutsTheirUnion() {
        byte[] source = wave().fmt(WavCutter.PCM, 1, 8000, 16).data(toneSamples(SampleCoding.SIGNED_16, 1, 8000)).bytes();

        byte[] copy = WavCutter.cut(source, List.of(cut(600, 900), cut(100, 300), cut(200, 700)), CutFill.SILENCE);

        assertCut(source, copy, SampleCoding.SIGNED_16, 8000, List.of(cut(100, 900)));
    }

    static Stream<Arguments> spans() {
        return Stream.of(
                Arguments.of("one range, on frame boundaries", List.of(cut(250, 500)), List.of(span(2000, 4000))),
                Arguments.of("widened outwards to whole frames", List.of(new CutRange(Duration.ofNanos(10_000), Duration.ofNanos(130_000))),
                        List.of(span(0, 2))),
                Arguments.of("out of order, apart", List.of(cut(1000, 1100), cut(0, 100)), List.of(span(0, 800), span(8000, 8800))),
                Arguments.of("overlapping, merged", List.of(cut(0, 500), cut(400, 600)), List.of(span(0, 4800))),
                Arguments.of("touching, merged", List.of(cut(0, 500), cut(500, 600)), List.of(span(0, 4800))),
                Arguments.of("one inside another, merged", List.of(cut(0, 1000), cut(200, 300)), List.of(span(0, 8000))),
                Arguments.of("ending past the audio, clipped", List.of(cut(1900, 9000)), List.of(span(15_200, 16_000))),
                Arguments.of("starting on the last frame", List.of(new CutRange(Duration.ofNanos(1_999_875_000), Duration.ofSeconds(3))),
                        List.of(span(15_999, 16_000))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spans")
    void frameSpans_whenRangesGiven_givesWholeMergedFramesWithinTheAudio(String name, List<CutRange> ranges, List<FrameSpan> expected) {
        assertThat(WavCutter.frameSpans(ranges, 8000, 16_000)).isEqualTo(expected);
    }

    static Stream<Arguments> refusals() {
        byte[] samples = toneSamples(SampleCoding.SIGNED_16, 1, 8000);
        byte[] good = wave().fmt(WavCutter.PCM, 1, 8000, 16).data(samples).bytes();
        return Stream.of(
                Arguments.of("no ranges", good, List.of(), Reason.NO_RANGES),
                Arguments.of("a range starting at the end", good, List.of(cut(2000, 2500)), Reason.RANGE_PAST_END),
                Arguments.of("a range starting past the end, beside a good one", good, List.of(cut(0, 10), cut(3000, 3500)), Reason.RANGE_PAST_END),
                Arguments.of("not a WAV", "ID3 this is an MP3 or a note".getBytes(), List.of(cut(0, 10)), Reason.NOT_AUDIO),
                Arguments.of("empty", new byte[0], List.of(cut(0, 10)), Reason.NOT_AUDIO),
                Arguments.of("RIFF but not WAVE", "RIFF\0\0\0\0AVI LIST".getBytes(), List.of(cut(0, 10)), Reason.NOT_AUDIO),
                Arguments.of("data before fmt", wave().data(samples).fmt(WavCutter.PCM, 1, 8000, 16).bytes(), List.of(cut(0, 10)), Reason.NOT_AUDIO),
                Arguments.of("header only, cut before the data chunk", Arrays.copyOf(good, 40), List.of(cut(0, 10)), Reason.NOT_AUDIO),
                Arguments.of("a truncated data chunk", Arrays.copyOf(good, good.length - 1000), List.of(cut(0, 10)), Reason.DAMAGED),
                Arguments.of("a data chunk of an odd size, half a frame at its end",
                        wave().fmt(WavCutter.PCM, 1, 8000, 16).data(Arrays.copyOf(samples, 15_999)).bytes(), List.of(cut(0, 10)), Reason.DAMAGED),
                Arguments.of("a compressed encoding (GSM 6.10)",
                        wave().fmt(TestWave.GSM_610, 1, 8000, 1625, 65, 0).data(new byte[650]).bytes(), List.of(cut(0, 10)), Reason.UNSUPPORTED_ENCODING),
                Arguments.of("12-bit PCM", wave().fmt(WavCutter.PCM, 1, 8000, 12).data(samples).bytes(), List.of(cut(0, 10)), Reason.UNSUPPORTED_ENCODING),
                Arguments.of("16-bit float", wave().fmt(WavCutter.IEEE_FLOAT, 1, 8000, 16).data(samples).bytes(), List.of(cut(0, 10)),
                        Reason.UNSUPPORTED_ENCODING),
                Arguments.of("an empty data chunk", wave().fmt(WavCutter.PCM, 1, 8000, 16).data(new byte[0]).bytes(), List.of(cut(0, 10)),
                        Reason.RANGE_PAST_END));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void cut_whenInputIsWrong_refusesWithItsReason(String name, byte[] wav, List<CutRange> ranges, Reason reason) {
        assertThatThrownBy(() -> WavCutter.cut(wav, ranges, CutFill.SILENCE))
                .isInstanceOfSatisfying(TrainingCopyRefused.class, refused -> assertThat(refused.reason()).isEqualTo(reason));
    }

    @Test
    void cutRange_whenEndIsNotAfterStart_isRefused() {
        assertThatThrownBy(() -> cut(500, 500))
                .isInstanceOfSatisfying(TrainingCopyRefused.class, refused -> assertThat(refused.reason()).isEqualTo(Reason.BAD_RANGE));
        assertThatThrownBy(() -> new CutRange(Duration.ofMillis(-1), Duration.ofMillis(5)))
                .isInstanceOfSatisfying(TrainingCopyRefused.class, refused -> assertThat(refused.reason()).isEqualTo(Reason.BAD_RANGE));
    }

    /** The ranges' frames are silent in every channel; every other byte equals the source's. */
    static void assertCut(byte[] source, byte[] copy, SampleCoding coding, int rate, List<CutRange> ranges) {
        assertOutsideIdentical(source, copy, rate, ranges);
        WaveHeader.Layout layout = WaveHeader.layout(copy).orElseThrow();
        for (FrameSpan span : WavCutter.frameSpans(ranges, rate, layout.dataBytes() / layout.blockAlign())) {
            for (int channel = 0; channel < layout.channels(); channel++) {
                double[] values = channelValues(copy, layout, coding, (int) span.from(), (int) span.to(), channel);
                assertThat(rms(values)).as("RMS of channel %d in %s", channel, span).isLessThan(SILENT_RMS);
                double[] sourceValues = channelValues(source, layout, coding, (int) span.from(), (int) span.to(), channel);
                assertThat(rms(sourceValues)).as("the source had sound there").isGreaterThan(0.3);
            }
        }
    }

    static void assertOutsideIdentical(byte[] source, byte[] copy, int rate, List<CutRange> ranges) {
        assertThat(copy).hasSameSizeAs(source);
        WaveHeader.Layout layout = WaveHeader.layout(source).orElseThrow();
        boolean[] inCut = new boolean[copy.length];
        for (FrameSpan span : WavCutter.frameSpans(ranges, rate, layout.dataBytes() / layout.blockAlign())) {
            Arrays.fill(inCut, (int) (layout.dataOffset() + span.from() * layout.blockAlign()),
                    (int) (layout.dataOffset() + span.to() * layout.blockAlign()), true);
        }
        for (int i = 0; i < copy.length; i++) {
            if (!inCut[i] && copy[i] != source[i]) {
                throw new AssertionError("byte " + i + " outside the cuts differs from the source");
            }
        }
    }

    static double[] channelValues(byte[] wav, WaveHeader.Layout layout, SampleCoding coding, int fromFrame, int toFrame, int channel) {
        int sampleBytes = layout.blockAlign() / layout.channels();
        double[] values = new double[toFrame - fromFrame];
        for (int frame = fromFrame; frame < toFrame; frame++) {
            values[frame - fromFrame] = TestWave.value(coding, wav, layout.dataOffset() + frame * layout.blockAlign() + channel * sampleBytes);
        }
        return values;
    }

    static double rms(double[] values) {
        return Math.sqrt(Arrays.stream(values).map(v -> v * v).sum() / values.length);
    }

    static int zeroCrossings(double[] values) {
        int crossings = 0;
        for (int i = 1; i < values.length; i++) {
            if ((values[i - 1] < 0) != (values[i] < 0)) {
                crossings++;
            }
        }
        return crossings;
    }

    static CutRange cut(long fromMillis, long toMillis) {
        return new CutRange(Duration.ofMillis(fromMillis), Duration.ofMillis(toMillis));
    }

    private static FrameSpan span(long from, long to) {
        return new FrameSpan(from, to);
    }
}
