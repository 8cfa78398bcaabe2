package io.github.obskit.rag;

import java.util.Objects;

/**
 * What one RAG query is: its id, the querying user, its type and its text. Immutable; built per
 * query and passed to {@link RagTelemetry#query(QueryRequest)}.
 *
 * <pre>{@code
 * QueryRequest request = QueryRequest.builder(queryId)
 *         .userId(userId).queryType("semantic").text(question).build();
 * }</pre>
 *
 * <p>The text is recorded only as the facade's content capture policy allows (off by default);
 * {@link #toString()} never shows it.
 */
public final class QueryRequest {

    private final String queryId;
    private final String userId;
    private final String queryType;
    private final String text;

    private QueryRequest(Builder builder) {
        this.queryId = builder.queryId;
        this.userId = builder.userId;
        this.queryType = builder.queryType;
        this.text = builder.text;
    }

    /**
     * Starts a query request.
     *
     * @param queryId the query's id, for logs and spans; {@code null} leaves it out
     * @return a builder; defaults: no user, no query type ({@code unknown} in metrics), no text
     */
    public static Builder builder(String queryId) {
        return new Builder(queryId);
    }

    /**
     * Returns the query's id.
     *
     * @return the id, possibly {@code null}
     */
    public String queryId() {
        return queryId;
    }

    /**
     * Returns the querying user's id.
     *
     * @return the user id, possibly {@code null}
     */
    public String userId() {
        return userId;
    }

    /**
     * Returns the query type.
     *
     * @return the query type, possibly {@code null}
     */
    public String queryType() {
        return queryType;
    }

    /**
     * Returns the query text.
     *
     * @return the text, possibly {@code null}
     */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return "QueryRequest[" + queryId + ", user " + userId + ", " + queryType + "]";
    }

    /** Builds a {@link QueryRequest}. Not thread-safe. */
    public static final class Builder {

        private final String queryId;
        private String userId;
        private String queryType;
        private String text;

        private Builder(String queryId) {
            this.queryId = queryId;
        }

        /**
         * Sets the querying user ({@code user_id}, bounded in metrics). Default: none.
         *
         * @param userId the user's id
         * @return this builder
         */
        public Builder userId(String userId) {
            this.userId = userId;
            return this;
        }

        /**
         * Sets the query type: semantic, keyword, hybrid or a type registered with {@link
         * RagTelemetryBuilder#queryTypes(String...)}; anything else is {@code other} in metrics.
         * Default: none ({@code unknown}).
         *
         * @param queryType the query type
         * @return this builder
         */
        public Builder queryType(String queryType) {
            this.queryType = queryType;
            return this;
        }

        /**
         * Sets the query text, kept only when the facade's content capture policy opted in, and
         * then truncated. Default: none.
         *
         * @param text the query text
         * @return this builder
         */
        public Builder text(String text) {
            this.text = text;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public QueryRequest build() {
            return new QueryRequest(this);
        }
    }

    static QueryRequest orEmpty(QueryRequest request) {
        return Objects.requireNonNullElse(request, EMPTY);
    }

    private static final QueryRequest EMPTY = builder(null).build();
}
