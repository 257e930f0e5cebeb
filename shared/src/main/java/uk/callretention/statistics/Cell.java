package uk.callretention.statistics;

/** One figure's place: a measure and one value of its breakdown, e.g. received-by-channel, phone. */
public record Cell(Measure measure, String breakdown) implements Comparable<Cell> {

    @Override
    public int compareTo(Cell other) {
        int byMeasure = measure.compareTo(other.measure);
        return byMeasure != 0 ? byMeasure : breakdown.compareTo(other.breakdown);
    }
}
