package uk.callretention.training;

/** What a cut range is replaced by in a training copy, as the council's policy says. */
public enum CutFill {
    /** The encoding's own silence, so a listener hears a gap. */
    SILENCE,
    /** A 1 kHz tone at a tenth of full scale (-20 dBFS), so a listener knows something was cut rather than a pause. */
    TONE
}
