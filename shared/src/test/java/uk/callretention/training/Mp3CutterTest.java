package uk.callretention.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.callretention.training.WavCutterTest.cut;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import uk.callretention.recording.WaveHeader;
import uk.callretention.training.TrainingCopyRefused.Reason;

/** Against the fixtures in {@code src/test/resources/training} (their README says how they were made). */
class Mp3CutterTest {

    private static final String PHONE = "tone-440hz-8khz-mono.mp3";
    private static final String MUSIC = "tone-440hz-44khz-stereo.mp3";

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "tone-440hz-8khz-mono.mp3, 8000, 1, 2000",
            "tone-440hz-44khz-stereo.mp3, 44100, 2, 1000"})
    void decodeToWav_whenMp3_givesSixteenBitPcmAtTheSourceRateAndChannels(String fixture, long rate, int channels, long millis) {
        byte[] wav = Mp3Cutter.decodeToWav(fixture(fixture));

        WaveHeader.Layout layout = WaveHeader.layout(wav).orElseThrow();
        assertThat(layout.encoding()).isEqualTo(WavCutter.PCM);
        assertThat(layout.bitsPerSample()).isEqualTo(16);
        assertThat(layout.sampleRate()).isEqualTo(rate);
        assertThat(layout.channels()).isEqualTo(channels);
        // The encoder's and decoder's delay and padding add at most a few frames of 1152 samples.
        assertThat(WaveHeader.duration(wav, wav.length).orElseThrow())
                .isBetween(Duration.ofMillis(millis), Duration.ofMillis(millis).plusMillis(4 * 1152 * 1000 / rate));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tone-440hz-8khz-mono.mp3, 8000", "tone-440hz-44khz-stereo.mp3, 44100"})
    void cut_whenSilence_cutFramesAreSilentAndTheRestIsTheDecodedSource(String fixture, int rate) {
        byte[] decoded = Mp3Cutter.decodeToWav(fixture(fixture));
        List<CutRange> ranges = List.of(cut(200, 400), cut(600, 800));

        byte[] copy = Mp3Cutter.cut(fixture(fixture), ranges, CutFill.SILENCE);

        // The source is a 0.3 full-scale tone: assertCut also checks that the decoded source had sound in the cuts.
        WavCutterTest.assertOutsideIdentical(decoded, copy, rate, ranges);
        WaveHeader.Layout layout = WaveHeader.layout(copy).orElseThrow();
        for (int channel = 0; channel < layout.channels(); channel++) {
            assertThat(WavCutterTest.rms(values(copy, layout, rate / 5, 2 * rate / 5, channel))).isZero();
            assertThat(WavCutterTest.rms(values(decoded, layout, rate / 5, 2 * rate / 5, channel))).isBetween(0.18, 0.24);
            assertThat(WavCutterTest.rms(values(copy, layout, rate / 2, 11 * rate / 20, channel))).as("between the cuts").isBetween(0.18, 0.24);
        }
    }

    @Test
    void cut_whenTone_cutFramesHoldTheTone() {
        byte[] copy = Mp3Cutter.cut(fixture(PHONE), List.of(cut(500, 1500)), CutFill.TONE);

        WaveHeader.Layout layout = WaveHeader.layout(copy).orElseThrow();
        double[] cutOut = values(copy, layout, 4000, 12_000, 0);
        assertThat(WavCutterTest.rms(cutOut)).isBetween(0.06, 0.08);
        assertThat(WavCutterTest.zeroCrossings(cutOut)).isBetween(1990, 2010);
    }

    @Test
    void cut_whenSourceGiven_leavesItUntouched() {
        byte[] source = fixture(MUSIC);
        byte[] before = source.clone();

        Mp3Cutter.cut(source, List.of(cut(0, 100)), CutFill.SILENCE);

        assertThat(source).isEqualTo(before);
    }

    @Test
    void cut_whenNoRanges_isRefused() {
        assertRefused(fixture(PHONE), List.of(), Reason.NO_RANGES);
    }

    @Test
    void cut_whenRangeStartsPastTheEnd_isRefused() {
        assertRefused(fixture(PHONE), List.of(cut(0, 100), cut(5000, 6000)), Reason.RANGE_PAST_END);
    }

    @Test
    void cut_whenNotAnMp3_isRefused() {
        assertRefused("a note, not a recording".repeat(50).getBytes(), List.of(cut(0, 100)), Reason.NOT_AUDIO);
        assertRefused(new byte[0], List.of(cut(0, 100)), Reason.NOT_AUDIO);
    }

    @Test
    void cut_whenMp3EndsPartWayThroughAFrame_isRefusedAsDamaged() {
        byte[] whole = fixture(PHONE);

        assertRefused(Arrays.copyOf(whole, whole.length - 1), List.of(cut(0, 100)), Reason.DAMAGED);
        assertRefused(Arrays.copyOf(whole, whole.length / 2 + 70), List.of(cut(0, 100)), Reason.DAMAGED);
        assertRefused(Arrays.copyOf(fixture(MUSIC), 8000), List.of(cut(0, 100)), Reason.DAMAGED);
        assertRefused(Arrays.copyOf(whole, 100), List.of(cut(0, 100)), Reason.DAMAGED);
    }

    @Test
    void cut_whenMp3HasId3TagsAtEitherEnd_copiesTheSameAudio() {
        byte[] plain = fixture(PHONE);
        byte[] id3v2 = {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 12, 'T', 'I', 'T', '2', 0, 0, 0, 2, 0, 0, 0, 'x'};
        byte[] id3v1 = Arrays.copyOf("TAGa call".getBytes(), 128);
        byte[] tagged = new byte[id3v2.length + plain.length + id3v1.length];
        System.arraycopy(id3v2, 0, tagged, 0, id3v2.length);
        System.arraycopy(plain, 0, tagged, id3v2.length, plain.length);
        System.arraycopy(id3v1, 0, tagged, id3v2.length + plain.length, id3v1.length);

        assertThat(Mp3Cutter.cut(tagged, List.of(cut(0, 100)), CutFill.SILENCE))
                .isEqualTo(Mp3Cutter.cut(plain, List.of(cut(0, 100)), CutFill.SILENCE));
    }

    private static void assertRefused(byte[] mp3, List<CutRange> ranges, Reason reason) {
        assertThatThrownBy(() -> Mp3Cutter.cut(mp3, ranges, CutFill.SILENCE))
                .isInstanceOfSatisfying(TrainingCopyRefused.class, refused -> assertThat(refused.reason()).isEqualTo(reason));
    }

    private static double[] values(byte[] wav, WaveHeader.Layout layout, int fromFrame, int toFrame, int channel) {
        return WavCutterTest.channelValues(wav, layout, SampleCoding.SIGNED_16, fromFrame, toFrame, channel);
    }

    private static byte[] fixture(String name) {
        try (InputStream in = Mp3CutterTest.class.getResourceAsStream("/training/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
