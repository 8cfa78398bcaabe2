package io.github.obskit.business;

import io.github.obskit.core.metrics.CatalogMeter;
import io.github.obskit.core.metrics.MeterDefinition;

/**
 * The business metrics. Scraped by Prometheus they carry the spec's names and labels: {@code
 * users_registered_total}, {@code users_active_daily}, {@code users_active_monthly}, {@code
 * documents_uploaded_total}, {@code chat_sessions_total}, {@code messages_sent_total}, {@code
 * response_quality_average} and {@code user_satisfaction_score}.
 */
public enum BusinessMeters implements CatalogMeter {

    /** Total number of users registered. */
    USERS_REGISTERED(MeterDefinition.counter("users.registered")
            .description("Total number of users registered")
            .tags(BusinessTagKeys.REGISTRATION_METHOD)
            .build()),

    /**
     * Number of daily active users: distinct users active on the current UTC day, across every
     * replica that shares the activity store.
     */
    USERS_ACTIVE_DAILY(MeterDefinition.gauge("users.active.daily")
            .description("Number of daily active users: distinct users active on the current UTC "
                    + "day, across every replica sharing the activity store")
            .build()),

    /**
     * Number of monthly active users: distinct users active on the current UTC day or the 29
     * days before it, across every replica that shares the activity store.
     */
    USERS_ACTIVE_MONTHLY(MeterDefinition.gauge("users.active.monthly")
            .description("Number of monthly active users: distinct users active on the current UTC "
                    + "day or the 29 before it, across every replica sharing the activity store")
            .build()),

    /** Total number of documents uploaded. */
    DOCUMENTS_UPLOADED(MeterDefinition.counter("documents.uploaded")
            .description("Total number of documents uploaded")
            .tags(BusinessTagKeys.USER_ID, BusinessTagKeys.FILE_TYPE, BusinessTagKeys.STATUS)
            .build()),

    /** Total number of chat sessions. */
    CHAT_SESSIONS(MeterDefinition.counter("chat.sessions")
            .description("Total number of chat sessions")
            .tags(BusinessTagKeys.USER_ID, BusinessTagKeys.LANGUAGE)
            .build()),

    /** Total number of messages sent. */
    MESSAGES_SENT(MeterDefinition.counter("messages.sent")
            .description("Total number of messages sent")
            .tags(BusinessTagKeys.USER_ID, BusinessTagKeys.MESSAGE_TYPE)
            .build()),

    /**
     * Average response quality score (0 to 1) over the score window; {@code user_id="_all"} is
     * every user. NaN when no score was recorded in the window.
     */
    RESPONSE_QUALITY_AVERAGE(MeterDefinition.gauge("response.quality.average")
            .description("Average response quality score (0 to 1) over the score window; "
                    + "user_id=_all is every user; NaN without scores in the window")
            .tags(BusinessTagKeys.USER_ID)
            .build()),

    /**
     * User satisfaction score (average rating, 1 to 5) over the score window; {@code
     * user_id="_all"} is every user. NaN when no rating was recorded in the window.
     */
    USER_SATISFACTION_SCORE(MeterDefinition.gauge("user.satisfaction.score")
            .description("User satisfaction score (average rating, 1 to 5) over the score window; "
                    + "user_id=_all is every user; NaN without ratings in the window")
            .tags(BusinessTagKeys.USER_ID)
            .build());

    private final MeterDefinition definition;

    BusinessMeters(MeterDefinition definition) {
        this.definition = definition;
    }

    @Override
    public MeterDefinition definition() {
        return definition;
    }
}
