package uk.callretention.recording;

import java.nio.charset.StandardCharsets;

/**
 * Checks the first bytes of an upload against the type its extension declares, so a mislabelled file is quarantined
 * instead of catalogued as something it is not.
 */
public final class ContentCheck {

    /**
     * Enough for an ID3 tag or MPEG frame sync, a JSON document after modest leading white space, and a WAV header with
     * the chunks writers put before its data (a LIST of tags, a broadcast-wave bext, JUNK padding to 4 KiB), so that
     * {@link WaveHeader} finds the duration in the same ranged read: a larger range costs no more requests.
     */
    public static final int BYTES_NEEDED = 8192;

    private ContentCheck() {
    }

    public static boolean matches(String extension, byte[] head) {
        return switch (extension) {
            case "wav" -> isWave(head);
            case "mp3" -> isMpegAudio(head);
            case "json" -> isJsonDocument(head);
            default -> false;
        };
    }

    private static boolean isWave(byte[] head) {
        return head.length >= 12 && ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("WAVE");
    }

    private static boolean isMpegAudio(byte[] head) {
        if (head.length >= 3 && ascii(head, 0, 3).equals("ID3")) {
            return true;
        }
        // An MPEG audio frame starts with eleven set bits, and its layer bits are never 00.
        return head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x06) != 0;
    }

    private static boolean isJsonDocument(byte[] head) {
        int i = 0;
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < head.length && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) {
            i++;
        }
        return i < head.length && (head[i] == '{' || head[i] == '[');
    }

    private static String ascii(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
}
