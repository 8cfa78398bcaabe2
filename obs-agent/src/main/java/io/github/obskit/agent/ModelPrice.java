package io.github.obskit.agent;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * What one model's tokens cost: a price per million input tokens and per million output tokens,
 * in one currency. Exact decimals; immutable.
 *
 * <pre>{@code
 * ModelPrice price = ModelPrice.perMillionTokens(new BigDecimal("3"), new BigDecimal("15"),
 *         Currency.getInstance("USD"));
 * price.cost(1_000, 500);   // 0.0105, exactly
 * }</pre>
 */
public final class ModelPrice {

    private final BigDecimal inputPerMillion;
    private final BigDecimal outputPerMillion;
    private final Currency currency;

    private ModelPrice(BigDecimal inputPerMillion, BigDecimal outputPerMillion, Currency currency) {
        this.inputPerMillion = inputPerMillion;
        this.outputPerMillion = outputPerMillion;
        this.currency = currency;
    }

    /**
     * Creates a price.
     *
     * @param inputPerMillion the price of one million input (prompt) tokens, at least 0
     * @param outputPerMillion the price of one million output (completion) tokens, at least 0
     * @param currency the currency of both prices
     * @return the price
     * @throws IllegalArgumentException when a price is negative
     */
    public static ModelPrice perMillionTokens(BigDecimal inputPerMillion, BigDecimal outputPerMillion,
            Currency currency) {
        return new ModelPrice(nonNegative(inputPerMillion, "inputPerMillion"),
                nonNegative(outputPerMillion, "outputPerMillion"), Objects.requireNonNull(currency, "currency"));
    }

    private static BigDecimal nonNegative(BigDecimal price, String name) {
        Objects.requireNonNull(price, name);
        if (price.signum() < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + price);
        }
        return price;
    }

    /**
     * Returns the exact cost of one call's tokens.
     *
     * @param inputTokens the input tokens; negative counts as 0 (not reported)
     * @param outputTokens the output tokens; negative counts as 0 (not reported)
     * @return {@code inputTokens * inputPerMillion / 10^6 + outputTokens * outputPerMillion / 10^6},
     *     without rounding
     */
    public BigDecimal cost(long inputTokens, long outputTokens) {
        BigDecimal in = BigDecimal.valueOf(Math.max(0, inputTokens)).multiply(inputPerMillion);
        BigDecimal out = BigDecimal.valueOf(Math.max(0, outputTokens)).multiply(outputPerMillion);
        return in.add(out).movePointLeft(6);
    }

    /**
     * Returns the price of one million input tokens.
     *
     * @return the price
     */
    public BigDecimal inputPerMillion() {
        return inputPerMillion;
    }

    /**
     * Returns the price of one million output tokens.
     *
     * @return the price
     */
    public BigDecimal outputPerMillion() {
        return outputPerMillion;
    }

    /**
     * Returns the currency of the prices.
     *
     * @return the currency
     */
    public Currency currency() {
        return currency;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ModelPrice)) {
            return false;
        }
        ModelPrice other = (ModelPrice) o;
        return inputPerMillion.compareTo(other.inputPerMillion) == 0
                && outputPerMillion.compareTo(other.outputPerMillion) == 0 && currency.equals(other.currency);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputPerMillion.stripTrailingZeros(), outputPerMillion.stripTrailingZeros(), currency);
    }

    @Override
    public String toString() {
        return inputPerMillion.toPlainString() + " / " + outputPerMillion.toPlainString() + " "
                + currency.getCurrencyCode() + " per million tokens";
    }
}
