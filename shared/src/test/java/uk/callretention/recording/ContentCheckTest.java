package uk.callretention.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContentCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("wav", ascii("RIFF\u0024\0\0\0WAVEfmt "), true),
                Arguments.of("wav", ascii("RIFF\u0024\0\0\0AVI LIST"), false),
                Arguments.of("wav", ascii("RIFF"), false),
                Arguments.of("mp3", ascii("ID3\u0004\0"), true),
                Arguments.of("mp3", new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64}, true),
                Arguments.of("mp3", new byte[] {(byte) 0xFF, (byte) 0xE0, 0, 0}, false),
                Arguments.of("mp3", ascii("RIFF\u0024\0\0\0WAVE"), false),
                Arguments.of("json", ascii("  \n{\"messages\": []}"), true),
                Arguments.of("json", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '['}, true),
                Arguments.of("json", ascii("<html>"), false),
                Arguments.of("json", ascii("   "), false),
                Arguments.of("ogg", ascii("OggS"), false));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("cases")
    void matches_givesWhetherBytesAreTheDeclaredType(String extension, byte[] head, boolean expected) {
        assertThat(ContentCheck.matches(extension, head)).isEqualTo(expected);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
