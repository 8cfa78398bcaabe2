package io.github.obskit.agent.internal;

import io.github.obskit.core.internal.RegistryCardinality;
import io.github.obskit.core.metrics.CatalogMeter;
import io.github.obskit.core.metrics.MeterFamilies;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The exact cost totals behind the cost counter. Micrometer counters add doubles, which drift
 * (ten thousand additions of 0.0105 do not sum to 105.0); so each series keeps a {@link
 * BigDecimal} total, exact whatever is added, and a {@link FunctionCounter} reports its nearest
 * double at each scrape: the scraped value is never more than half a unit in the last place
 * from the exact sum, however many calls were added.
 *
 * <p>The totals belong to the registry (one per series id), like every obskit bound, so two
 * recorders on one registry add to one total.
 */
public final class CostLedger {

    private final MeterFamilies families;
    private final CatalogMeter meter;
    private final Map<Object, Object> shared;

    /**
     * Creates the ledger of one recorder.
     *
     * @param families the recorder's families (registry and tag policies)
     * @param meter the cost counter's catalog constant
     */
    public CostLedger(MeterFamilies families, CatalogMeter meter) {
        this.families = families;
        this.meter = meter;
        this.shared = RegistryCardinality.of(families.registry()).sharedSeries(meter.getName());
    }

    /**
     * Returns the total of one series, registering its counter the first time.
     *
     * @param provider the provider tag value
     * @param model the model tag value
     * @param currency the currency tag value
     * @return the total to add to
     */
    public Total total(String provider, String model, String currency) {
        // One lock per registry and metric, taken once per price table entry: the counter the
        // registry keeps reads the state of the first registration, so registering and recording
        // which total that is must not interleave with another recorder doing the same.
        synchronized (shared) {
            Total candidate = new Total();
            FunctionCounter counter = families.functionCounter(meter, candidate, Total::value,
                    provider, model, currency);
            Meter.Id id = counter.getId();
            Object existing = shared.get(id);
            if (existing != null) {
                return (Total) existing;
            }
            shared.put(id, candidate);
            return candidate;
        }
    }

    /** The exact total of one series. Thread-safe. */
    public static final class Total {

        private BigDecimal sum = BigDecimal.ZERO;

        Total() {
        }

        /**
         * Adds an amount.
         *
         * @param amount the exact amount, at least 0
         */
        public synchronized void add(BigDecimal amount) {
            sum = sum.add(amount);
        }

        /**
         * Returns the exact total.
         *
         * @return the sum of every amount added
         */
        public synchronized BigDecimal exact() {
            return sum;
        }

        synchronized double value() {
            return sum.doubleValue();
        }
    }
}
