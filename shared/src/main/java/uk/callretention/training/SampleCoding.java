package uk.callretention.training;

import uk.callretention.recording.WaveHeader;
import uk.callretention.training.TrainingCopyRefused.Reason;

/**
 * How one sample of one channel is written, for the encodings whose every sample stands alone (so one can be replaced
 * without touching its neighbours): linear PCM, IEEE float, and G.711's A-law and mu-law, all little-endian.
 */
enum SampleCoding {
    UNSIGNED_8(1), SIGNED_16(2), SIGNED_24(3), SIGNED_32(4), FLOAT_32(4), FLOAT_64(8), A_LAW(1), MU_LAW(1);

    private final int bytes;

    SampleCoding(int bytes) {
        this.bytes = bytes;
    }

    static SampleCoding of(WaveHeader.Layout layout) {
        SampleCoding coding = switch (layout.encoding()) {
            case WavCutter.PCM -> switch (layout.bitsPerSample()) {
                case 8 -> UNSIGNED_8;
                case 16 -> SIGNED_16;
                case 24 -> SIGNED_24;
                case 32 -> SIGNED_32;
                default -> null;
            };
            case WavCutter.IEEE_FLOAT -> switch (layout.bitsPerSample()) {
                case 32 -> FLOAT_32;
                case 64 -> FLOAT_64;
                default -> null;
            };
            case WavCutter.A_LAW -> layout.bitsPerSample() == 8 ? A_LAW : null;
            case WavCutter.MU_LAW -> layout.bitsPerSample() == 8 ? MU_LAW : null;
            default -> null;
        };
        if (coding == null) {
            throw new TrainingCopyRefused(Reason.UNSUPPORTED_ENCODING, "format 0x" + Integer.toHexString(layout.encoding())
                    + " at " + layout.bitsPerSample() + " bits cannot be cut in place");
        }
        // A frame must be exactly one sample per channel, or the cut would land between samples.
        if (layout.blockAlign() != layout.channels() * coding.bytes) {
            throw new TrainingCopyRefused(Reason.UNSUPPORTED_ENCODING, "block align " + layout.blockAlign()
                    + " is not " + layout.channels() + " samples of " + coding.bytes + " bytes");
        }
        return coding;
    }

    /** Silence in this encoding: the middle of the range for unsigned 8-bit, G.711's codes for zero, else zero. */
    byte[] silence() {
        return switch (this) {
            case UNSIGNED_8 -> new byte[] {(byte) 0x80};
            case A_LAW -> new byte[] {(byte) 0xD5};
            case MU_LAW -> new byte[] {(byte) 0xFF};
            default -> new byte[bytes];
        };
    }

    /** @param value from -1 to 1 */
    byte[] encode(double value) {
        return switch (this) {
            case UNSIGNED_8 -> new byte[] {(byte) (128 + Math.round(value * 127))};
            case SIGNED_16 -> littleEndian(Math.round(value * 0x7FFF), 2);
            case SIGNED_24 -> littleEndian(Math.round(value * 0x7F_FFFF), 3);
            case SIGNED_32 -> littleEndian(Math.round(value * 0x7FFF_FFFF), 4);
            case FLOAT_32 -> littleEndian(Float.floatToIntBits((float) value), 4);
            case FLOAT_64 -> littleEndian(Double.doubleToLongBits(value), 8);
            case A_LAW -> new byte[] {aLaw((int) Math.round(value * 0x7FFF))};
            case MU_LAW -> new byte[] {muLaw((int) Math.round(value * 0x7FFF))};
        };
    }

    private static byte[] littleEndian(long value, int size) {
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = (byte) (value >> (8 * i));
        }
        return out;
    }

    /** ITU-T G.711 mu-law from 16-bit linear. */
    static byte muLaw(int pcm) {
        int sign = pcm < 0 ? 0x80 : 0;
        int magnitude = Math.min(Math.abs(pcm), 32635) + 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | exponent << 4 | mantissa);
    }

    /** ITU-T G.711 A-law from 16-bit linear (13 significant bits). */
    static byte aLaw(int pcm) {
        int value = pcm >> 3;
        int mask = 0xD5;
        if (value < 0) {
            mask = 0x55;
            value = -value - 1;
        }
        int segment = 0;
        while (segment < 8 && value > (0x20 << segment) - 1) {
            segment++;
        }
        if (segment >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int code = segment << 4 | (segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F);
        return (byte) (code ^ mask);
    }
}
