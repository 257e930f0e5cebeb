package uk.callretention.policy;

/** The privacy notice a council policy encodes, for the record: its title, its date as printed, and the seed file. */
public record Notice(String title, String date, String seed) {
}
