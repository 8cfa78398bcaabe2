package io.github.obskit.agent;

import io.github.obskit.agent.internal.MiniJson;
import io.github.obskit.core.metrics.TagValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Prices of the models an application calls, by provider and model, for the cost metric {@code
 * gen_ai.client.cost} ({@link AgentMeters#LLM_COST}). Immutable and thread-safe; a model not in
 * the table records no cost. Provider and model are matched as {@link
 * io.github.obskit.core.genai.GenAiRequest} records them (sanitized by {@link
 * TagValues#sanitize(String)}).
 *
 * <pre>{@code
 * PriceTable prices = PriceTable.builder()
 *         .price("anthropic", "claude-sonnet", ModelPrice.perMillionTokens(
 *                 new BigDecimal("3"), new BigDecimal("15"), Currency.getInstance("USD")))
 *         .build();
 * PriceTable fromFile = PriceTable.fromResource("llm-prices.json");
 * }</pre>
 *
 * <p>Two file formats: properties, one key per price, {@code provider/model.input}, {@code
 * provider/model.output} and {@code provider/model.currency} (or one top-level {@code currency}
 * for every model); and JSON, {@code {"currency": "USD", "models": [{"provider": "openai",
 * "model": "gpt-4o", "input": 2.5, "output": 10}]}} (a model's own {@code currency} wins). Prices
 * are read from their decimal text, so {@code 0.15} is exactly 0.15.
 */
public final class PriceTable {

    private static final PriceTable EMPTY = new PriceTable(Map.of());

    private final Map<String, Map<String, ModelPrice>> byProvider;

    private PriceTable(Map<String, Map<String, ModelPrice>> byProvider) {
        this.byProvider = byProvider;
    }

    /**
     * Returns a table without prices: no cost is recorded.
     *
     * @return the empty table
     */
    public static PriceTable empty() {
        return EMPTY;
    }

    /**
     * Starts a table.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a table from a class-path resource, JSON when its name ends in {@code .json},
     * properties otherwise (see the class comment for both formats).
     *
     * @param resourceName the resource, such as {@code llm-prices.json}, found through the
     *     thread's context class loader, else obs-agent's
     * @return the table
     * @throws IllegalArgumentException when the resource is missing or malformed
     */
    public static PriceTable fromResource(String resourceName) {
        Objects.requireNonNull(resourceName, "resourceName");
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null || loader.getResource(resourceName) == null) {
            loader = PriceTable.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(resourceName)) {
            if (in == null) {
                throw new IllegalArgumentException("price table resource not found: " + resourceName);
            }
            return resourceName.endsWith(".json") ? fromJson(in) : fromProperties(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resourceName, e);
        }
    }

    /**
     * Reads a table in the properties format (UTF-8).
     *
     * @param in the stream; not closed
     * @return the table
     * @throws IllegalArgumentException when a key or a price is malformed or incomplete
     * @throws UncheckedIOException when the stream cannot be read
     */
    public static PriceTable fromProperties(InputStream in) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the price table", e);
        }
        String defaultCurrency = properties.getProperty("currency");
        Map<String, Map<String, String>> fields = new LinkedHashMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (key.equals("currency")) {
                continue;
            }
            int dot = key.lastIndexOf('.');
            int slash = key.indexOf('/');
            if (dot < 0 || slash <= 0 || slash > dot) {
                throw new IllegalArgumentException("price table key '" + key
                        + "' is not provider/model.input, .output or .currency");
            }
            fields.computeIfAbsent(key.substring(0, dot), k -> new HashMap<>())
                    .put(key.substring(dot + 1), properties.getProperty(key).trim());
        }
        Builder builder = builder();
        for (Map.Entry<String, Map<String, String>> entry : fields.entrySet()) {
            String id = entry.getKey();
            Map<String, String> f = entry.getValue();
            int slash = id.indexOf('/');
            builder.price(id.substring(0, slash), id.substring(slash + 1),
                    ModelPrice.perMillionTokens(decimal(f.get("input"), id + ".input"),
                            decimal(f.get("output"), id + ".output"),
                            currency(f.getOrDefault("currency", defaultCurrency), id)));
        }
        return builder.build();
    }

    /**
     * Reads a table in the JSON format (UTF-8).
     *
     * @param in the stream; not closed
     * @return the table
     * @throws IllegalArgumentException when the document or a price is malformed or incomplete
     * @throws UncheckedIOException when the stream cannot be read
     */
    public static PriceTable fromJson(InputStream in) {
        Object document;
        try {
            document = MiniJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the price table", e);
        }
        if (!(document instanceof Map)) {
            throw new IllegalArgumentException("a JSON price table is an object with a \"models\" array");
        }
        Map<?, ?> root = (Map<?, ?>) document;
        Object defaultCurrency = root.get("currency");
        Object models = root.get("models");
        if (!(models instanceof List)) {
            throw new IllegalArgumentException("a JSON price table needs a \"models\" array");
        }
        Builder builder = builder();
        for (Object item : (List<?>) models) {
            if (!(item instanceof Map)) {
                throw new IllegalArgumentException("each entry of \"models\" must be an object");
            }
            Map<?, ?> m = (Map<?, ?>) item;
            String provider = text(m.get("provider"), "provider");
            String model = text(m.get("model"), "model");
            String id = provider + "/" + model;
            Object currency = m.containsKey("currency") ? m.get("currency") : defaultCurrency;
            builder.price(provider, model, ModelPrice.perMillionTokens(
                    decimal(m.get("input"), id + ".input"), decimal(m.get("output"), id + ".output"),
                    currency(currency instanceof String ? (String) currency : null, id)));
        }
        return builder.build();
    }

    /**
     * Returns the price of a model.
     *
     * @param provider the provider, as {@code gen_ai.provider.name}
     * @param model the requested model, as {@code gen_ai.request.model}
     * @return the price, or empty when the table has none
     */
    public Optional<ModelPrice> price(String provider, String model) {
        return Optional.ofNullable(find(provider, model));
    }

    /**
     * Tells whether the table has no prices.
     *
     * @return {@code true} for a table that records no cost
     */
    public boolean isEmpty() {
        return byProvider.isEmpty();
    }

    /**
     * Returns every price, by provider and model.
     *
     * @return an unmodifiable view: provider, then model, then price
     */
    public Map<String, Map<String, ModelPrice>> prices() {
        return byProvider;
    }

    /** Looks a model up without allocating; {@code null} when absent. */
    ModelPrice find(String provider, String model) {
        if (provider == null || model == null) {
            return null;
        }
        Map<String, ModelPrice> models = byProvider.get(provider);
        if (models == null) {
            models = byProvider.get(TagValues.sanitize(provider));
        }
        if (models == null) {
            return null;
        }
        ModelPrice price = models.get(model);
        return price != null ? price : models.get(TagValues.sanitize(model));
    }

    @Override
    public String toString() {
        return "PriceTable" + byProvider;
    }

    private static BigDecimal decimal(Object value, String what) {
        if (value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        if (value instanceof String) {
            try {
                return new BigDecimal(((String) value).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("price " + what + " is not a decimal number: '" + value + "'");
            }
        }
        throw new IllegalArgumentException("price " + what + " is missing");
    }

    private static Currency currency(String code, String what) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("price " + what + " has no currency");
        }
        try {
            return Currency.getInstance(code.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("price " + what + " has an unknown ISO 4217 currency: '" + code + "'");
        }
    }

    private static String text(Object value, String what) {
        if (!(value instanceof String) || ((String) value).isBlank()) {
            throw new IllegalArgumentException("a price table entry needs a \"" + what + "\"");
        }
        return (String) value;
    }

    /** Builds a {@link PriceTable}. Not thread-safe. */
    public static final class Builder {

        private final Map<String, Map<String, ModelPrice>> byProvider = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets the price of one model; a later price for the same model replaces it.
         *
         * @param provider the provider, as the calls' {@code GenAiRequest} names it, such as {@code openai}
         * @param model the requested model, such as {@code gpt-4o}
         * @param price its price
         * @return this builder
         */
        public Builder price(String provider, String model, ModelPrice price) {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(price, "price");
            byProvider.computeIfAbsent(TagValues.sanitize(provider), p -> new LinkedHashMap<>())
                    .put(TagValues.sanitize(model), price);
            return this;
        }

        /**
         * Builds the table.
         *
         * @return the table
         */
        public PriceTable build() {
            Map<String, Map<String, ModelPrice>> copy = new LinkedHashMap<>();
            byProvider.forEach((p, models) -> copy.put(p, Collections.unmodifiableMap(new LinkedHashMap<>(models))));
            return copy.isEmpty() ? EMPTY : new PriceTable(Collections.unmodifiableMap(copy));
        }
    }
}
