package io.github.obskit.core.metrics;

import io.micrometer.common.docs.KeyName;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.docs.MeterDocumentation;

/**
 * A metric of an obskit catalog. Each domain module has one enum implementing this interface
 * ({@code UploadMeters}, {@code RagMeters}, ...), one constant per metric, each returning its
 * {@link MeterDefinition}:
 *
 * <pre>{@code
 * public enum UploadMeters implements CatalogMeter {
 *     UPLOAD_REQUESTS(MeterDefinition.counter("upload.requests")
 *             .description("Total number of upload requests")
 *             .tags(METHOD, ENDPOINT, STATUS)
 *             .build());
 *
 *     private final MeterDefinition definition;
 *
 *     UploadMeters(MeterDefinition definition) {
 *         this.definition = definition;
 *     }
 *
 *     public MeterDefinition definition() {
 *         return definition;
 *     }
 * }
 * }</pre>
 *
 * <p>The Micrometer {@link MeterDocumentation} methods are derived from the definition, so code
 * that reads {@code MeterDocumentation} (name, type, base unit, key names) reads the catalog.
 * Micrometer's documentation generator is not supported: it parses enum sources and rejects
 * enums that declare methods, as catalog enums do. obskit generates its reference docs from
 * {@link #definition()} instead.
 */
public interface CatalogMeter extends MeterDocumentation {

    /**
     * Returns the definition of this metric.
     *
     * @return the definition
     */
    MeterDefinition definition();

    @Override
    default String getName() {
        return definition().name();
    }

    @Override
    default Meter.Type getType() {
        return definition().type();
    }

    @Override
    default String getBaseUnit() {
        return definition().baseUnit();
    }

    @Override
    default KeyName[] getKeyNames() {
        return definition().tagKeys().toArray(new KeyName[0]);
    }

    /**
     * Returns the description of this metric (the Prometheus HELP text).
     *
     * @return the description
     */
    default String getDescription() {
        return definition().description();
    }
}
