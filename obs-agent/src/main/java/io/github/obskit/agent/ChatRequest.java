package io.github.obskit.agent;

import io.github.obskit.agent.internal.LanguageTags;
import java.util.Objects;

/**
 * What one chat message is: its id, user, language, type, conversation and text. Immutable; built
 * per message and passed to {@link AgentTelemetry#chat(ChatRequest)}.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder(messageId)
 *         .userId(userId).language("en-US").messageType("question")
 *         .conversationId(sessionId).text(message).build();
 * }</pre>
 *
 * <p>The language is reduced to its BCP 47 primary subtag once, here ({@code en-US} and {@code
 * EN} become {@code en}). The text is recorded only as the facade's content capture policy allows
 * (off by default); {@link #toString()} never shows it.
 */
public final class ChatRequest {

    private static final ChatRequest EMPTY = builder(null).build();

    private final String messageId;
    private final String userId;
    private final String language;
    private final String messageType;
    private final String conversationId;
    private final String agentName;
    private final String text;

    private ChatRequest(Builder builder) {
        this.messageId = builder.messageId;
        this.userId = builder.userId;
        this.language = LanguageTags.primary(builder.language);
        this.messageType = builder.messageType;
        this.conversationId = builder.conversationId;
        this.agentName = builder.agentName;
        this.text = builder.text;
    }

    /**
     * Starts a chat request.
     *
     * @param messageId the message's id, for logs and spans; {@code null} leaves it out
     * @return a builder; defaults: no user, language, type, conversation, agent name or text
     */
    public static Builder builder(String messageId) {
        return new Builder(messageId);
    }

    /**
     * Returns the message's id.
     *
     * @return the id, possibly {@code null}
     */
    public String messageId() {
        return messageId;
    }

    /**
     * Returns the user's id.
     *
     * @return the id, possibly {@code null}
     */
    public String userId() {
        return userId;
    }

    /**
     * Returns the language as its primary subtag.
     *
     * @return such as {@code en}, possibly {@code null}
     */
    public String language() {
        return language;
    }

    /**
     * Returns the message type.
     *
     * @return the type, possibly {@code null}
     */
    public String messageType() {
        return messageType;
    }

    /**
     * Returns the conversation (session) id.
     *
     * @return the id, possibly {@code null}
     */
    public String conversationId() {
        return conversationId;
    }

    /**
     * Returns the agent's name for this message.
     *
     * @return the name, or {@code null} for the facade's default
     */
    public String agentName() {
        return agentName;
    }

    /**
     * Returns the message text.
     *
     * @return the text, possibly {@code null}
     */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return "ChatRequest[" + messageId + ", user " + userId + ", " + language + ", " + messageType + "]";
    }

    static ChatRequest orEmpty(ChatRequest request) {
        return Objects.requireNonNullElse(request, EMPTY);
    }

    /** Builds a {@link ChatRequest}. Not thread-safe. */
    public static final class Builder {

        private final String messageId;
        private String userId;
        private String language;
        private String messageType;
        private String conversationId;
        private String agentName;
        private String text;

        private Builder(String messageId) {
            this.messageId = messageId;
        }

        /**
         * Sets the user ({@code user_id}, bounded in metrics; {@code user.id} on the span).
         * Default: none.
         *
         * @param userId the user's id
         * @return this builder
         */
        public Builder userId(String userId) {
            this.userId = userId;
            return this;
        }

        /**
         * Sets the message's language, a BCP 47 tag such as {@code en-US}; recorded as its primary
         * subtag, {@code other} in metrics unless registered. Default: none ({@code unknown}).
         *
         * @param languageTag the language tag
         * @return this builder
         */
        public Builder language(String languageTag) {
            this.language = languageTag;
            return this;
        }

        /**
         * Sets the kind of message (log event and span only), such as {@code question}. Default:
         * none.
         *
         * @param messageType the type
         * @return this builder
         */
        public Builder messageType(String messageType) {
            this.messageType = messageType;
            return this;
        }

        /**
         * Sets the conversation ({@code gen_ai.conversation.id} on every span of the turn); a
         * session started with {@link AgentTelemetry#session(String)} under this id is kept
         * alive by the message. Default: none.
         *
         * @param conversationId the conversation or session id
         * @return this builder
         */
        public Builder conversationId(String conversationId) {
            this.conversationId = conversationId;
            return this;
        }

        /**
         * Sets the agent's name ({@code gen_ai.agent.name}, span {@code invoke_agent {name}}).
         * Default: the facade's {@link AgentTelemetryBuilder#agentName(String)}.
         *
         * @param agentName the name
         * @return this builder
         */
        public Builder agentName(String agentName) {
            this.agentName = agentName;
            return this;
        }

        /**
         * Sets the message text, kept only when the facade's content capture policy opted in, and
         * then truncated. Default: none.
         *
         * @param text the message text
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
        public ChatRequest build() {
            return new ChatRequest(this);
        }
    }
}
