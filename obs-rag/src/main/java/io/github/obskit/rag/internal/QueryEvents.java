package io.github.obskit.rag.internal;

import io.github.obskit.core.internal.OnceLogger;
import io.opentelemetry.api.trace.SpanContext;
import org.slf4j.Logger;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes the {@code rag_query} log event through SLF4J 2's fluent API: every field is a
 * key-value pair, which logstash-logback-encoder writes as a JSON field. Successful queries log
 * at INFO, failed ones at WARN with the exception.
 */
public final class QueryEvents {

    private QueryEvents() {
    }

    /**
     * Logs one query.
     *
     * @param logger the event logger
     * @param queryId the query's id
     * @param userId the user's id, or {@code null} (then omitted)
     * @param queryType the query's type
     * @param success whether the query succeeded
     * @param nanos its duration in nanoseconds
     * @param chunksRetrieved how many chunks were retrieved
     * @param queryText the (already truncated) query text when opted in, else {@code null}
     * @param span the query span's context, for {@code trace_id} and {@code span_id}
     * @param error the failure, else {@code null}
     */
    public static void ragQuery(Logger logger, String queryId, String userId, String queryType,
            boolean success, long nanos, long chunksRetrieved, String queryText, SpanContext span,
            Throwable error) {
        try {
            LoggingEventBuilder event = success ? logger.atInfo() : logger.atWarn();
            event = event.setMessage(RagAttributes.EVENT_RAG_QUERY)
                    .addKeyValue(RagAttributes.LOG_EVENT_TYPE, RagAttributes.EVENT_RAG_QUERY)
                    .addKeyValue(RagAttributes.LOG_QUERY_ID, queryId)
                    .addKeyValue(RagAttributes.LOG_QUERY_TYPE, queryType)
                    .addKeyValue(RagAttributes.LOG_STATUS, success ? "success" : "error")
                    .addKeyValue(RagAttributes.LOG_DURATION_MS, nanos / 1_000_000d)
                    .addKeyValue(RagAttributes.LOG_CHUNKS_RETRIEVED, chunksRetrieved);
            if (userId != null) {
                event = event.addKeyValue(RagAttributes.LOG_USER_ID, userId);
            }
            if (queryText != null) {
                event = event.addKeyValue(RagAttributes.LOG_QUERY, queryText);
            }
            if (span.isValid()) {
                event = event.addKeyValue(RagAttributes.LOG_TRACE_ID, span.getTraceId())
                        .addKeyValue(RagAttributes.LOG_SPAN_ID, span.getSpanId());
            }
            if (!success) {
                event = event.addKeyValue(RagAttributes.LOG_ERROR_TYPE, SpanFailures.errorType(error));
                if (error != null) {
                    event = event.setCause(error);
                }
            }
            event.log();
        } catch (RuntimeException e) {
            OnceLogger.warn("rag-log", "Could not write the rag_query log event", e);
        }
    }
}
