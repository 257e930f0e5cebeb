package uk.callretention.system.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/** The test recordings are WAV files a real decoder reads, of the length asked for. */
class WavsTest {

    @Test
    void tone_whenDecoded_isTelephoneAudioOfTheLengthAskedFor() throws Exception {
        try (AudioInputStream audio = AudioSystem.getAudioInputStream(new ByteArrayInputStream(Wavs.tone(2.5, 440)))) {
            AudioFormat format = audio.getFormat();

            assertThat(format.getEncoding()).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
            assertThat(format.getSampleRate()).isEqualTo(8000f);
            assertThat(format.getSampleSizeInBits()).isEqualTo(16);
            assertThat(format.getChannels()).isEqualTo(1);
            assertThat(audio.getFrameLength() / format.getFrameRate()).isEqualTo(2.5f);
            ShortBuffer samples = ByteBuffer.wrap(audio.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
            int loudest = 0;
            while (samples.hasRemaining()) {
                loudest = Math.max(loudest, Math.abs(samples.get()));
            }
            assertThat(loudest).as("peak of a tone at 30 %% of full scale").isBetween(9_000, 10_000);
        }
    }
}
