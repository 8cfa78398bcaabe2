package io.github.obskit.agent;

/**
 * The fields of the {@code chat_message} log event that are obs-agent's own; the event also
 * carries obs-core's common fields ({@code event_type}, {@code trace_id}, {@code span_id}, {@code
 * user_id}, {@code status}, {@code duration_ms}, {@code error_type}).
 */
public final class AgentLogFields {

    /** {@code message_id}: the chat message's identifier. */
    public static final String MESSAGE_ID = "message_id";

    /** {@code message_type}: the kind of message, such as {@code question}, as the application names it. */
    public static final String MESSAGE_TYPE = "message_type";

    /** {@code quality_score}: the response's quality score, 0 to 1; present when reported. */
    public static final String QUALITY_SCORE = "quality_score";

    private AgentLogFields() {
    }
}
