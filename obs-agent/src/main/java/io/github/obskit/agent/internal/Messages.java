package io.github.obskit.agent.internal;

import io.github.obskit.core.internal.JsonText;

/** Builds the GenAI conventions' message JSON for captured content. */
public final class Messages {

    private Messages() {
    }

    /**
     * Returns one message with one text part, as {@code gen_ai.input.messages} and {@code
     * gen_ai.output.messages} hold it.
     *
     * @param role {@code user} or {@code assistant}
     * @param text the (already truncated) text
     * @return the JSON array text
     */
    public static String single(String role, String text) {
        StringBuilder json = new StringBuilder(text.length() + 64).append("[{\"role\":");
        JsonText.appendString(json, role).append(",\"parts\":[{\"type\":\"text\",\"content\":");
        return JsonText.appendString(json, text).append("}]}]").toString();
    }
}
