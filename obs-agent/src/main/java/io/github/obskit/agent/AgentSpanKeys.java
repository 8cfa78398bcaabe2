package io.github.obskit.agent;

import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;

/**
 * obs-agent's own span attribute keys, for what the OpenTelemetry GenAI conventions do not cover,
 * namespaced {@code obskit.chat.}. The conventions' keys ({@code gen_ai.*}, {@code user.id},
 * {@code session.id}) are in {@link io.github.obskit.core.tracing.SpanAttributeKeys}.
 */
public final class AgentSpanKeys {

    /** {@code obskit.chat.message.id}: the chat message's identifier. */
    public static final AttributeKey<String> MESSAGE_ID = stringKey("obskit.chat.message.id");

    /** {@code obskit.chat.message.type}: the kind of message, as the application names it. */
    public static final AttributeKey<String> MESSAGE_TYPE = stringKey("obskit.chat.message.type");

    /** {@code obskit.chat.language}: the message's language, a BCP 47 primary subtag. */
    public static final AttributeKey<String> LANGUAGE = stringKey("obskit.chat.language");

    /** {@code obskit.chat.status}: how the chat turn ended, {@code success} or {@code error}. */
    public static final AttributeKey<String> STATUS = stringKey("obskit.chat.status");

    /** {@code obskit.chat.quality_score}: the response's quality score, 0 to 1. */
    public static final AttributeKey<Double> QUALITY_SCORE = doubleKey("obskit.chat.quality_score");

    /** {@code obskit.chat.workflow.stage}: the stage of a workflow step. */
    public static final AttributeKey<String> WORKFLOW_STAGE = stringKey("obskit.chat.workflow.stage");

    /** {@code obskit.chat.session.end_reason}: how a session ended, {@code ended} or {@code expired}. */
    public static final AttributeKey<String> SESSION_END_REASON = stringKey("obskit.chat.session.end_reason");

    private AgentSpanKeys() {
    }
}
