package io.github.obskit.business.internal;

/**
 * The average of the values recorded over the last window, kept in {@link #SLOTS} time slots of
 * {@code window / SLOTS} each, so old values leave in steps of one slot and memory stays fixed.
 * Thread-safe (one lock per average; scores are recorded far less often than requests).
 */
public final class RollingAverage {

    /** The number of slots a window is divided into. */
    public static final int SLOTS = 60;

    private final long slotMillis;
    private final long[] slotIds = new long[SLOTS];
    private final double[] sums = new double[SLOTS];
    private final long[] counts = new long[SLOTS];

    /**
     * Creates an empty average.
     *
     * @param windowMillis the window, at least {@link #SLOTS} milliseconds
     */
    public RollingAverage(long windowMillis) {
        this.slotMillis = Math.max(1, windowMillis / SLOTS);
        java.util.Arrays.fill(slotIds, Long.MIN_VALUE);
    }

    /**
     * Adds a value.
     *
     * @param value the value
     * @param nowMillis the clock's current time
     */
    public synchronized void add(double value, long nowMillis) {
        long id = Math.floorDiv(nowMillis, slotMillis);
        int i = (int) Math.floorMod(id, (long) SLOTS);
        if (slotIds[i] != id) {
            slotIds[i] = id;
            sums[i] = 0;
            counts[i] = 0;
        }
        sums[i] += value;
        counts[i]++;
    }

    /**
     * Returns the average of the values recorded in the current slot and the {@code SLOTS - 1}
     * before it.
     *
     * @param nowMillis the clock's current time
     * @return the average, or {@code NaN} when there is none
     */
    public synchronized double average(long nowMillis) {
        long id = Math.floorDiv(nowMillis, slotMillis);
        double sum = 0;
        long count = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (slotIds[i] <= id && slotIds[i] > id - SLOTS) {
                sum += sums[i];
                count += counts[i];
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}
