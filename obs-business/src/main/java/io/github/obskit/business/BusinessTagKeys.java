package io.github.obskit.business;

import io.github.obskit.agent.AgentTagKeys;
import io.github.obskit.core.metrics.TagKey;
import io.github.obskit.core.metrics.TagPolicy;
import io.github.obskit.upload.FileTypes;
import io.github.obskit.upload.UploadTagKeys;
import java.util.List;

/**
 * The tag keys of the {@link BusinessMeters} catalog, with their default policies. Override a
 * policy or extend a registered set with {@link io.github.obskit.core.metrics.TagPolicies} when
 * building {@link BusinessMetrics}, for example {@code TagPolicies.builder().register(
 * "registration_method", "passkey")}.
 */
public final class BusinessTagKeys {

    /**
     * The {@code user_id} value of the all-users series of {@code response_quality_average} and
     * {@code user_satisfaction_score}: the average over every user, not over the users that kept
     * their own series. Counters have no such series: their {@code sum} is already exact.
     */
    public static final String ALL_USERS = "_all";

    /** The built-in registration methods; anything else is {@code other}. */
    public static final List<String> REGISTRATION_METHODS =
            List.of("email", "oauth", "sso", "api_key", "invite", "admin");

    /** The built-in message types; anything else is {@code other}. */
    public static final List<String> MESSAGE_TYPES = List.of("user", "assistant", "system", "tool");

    /**
     * {@code user_id}: bounded to {@link TagPolicy#DEFAULT_MAX_DISTINCT_VALUES} per registry and
     * metric; later users are recorded as {@code other}. On the score gauges the all-users value
     * {@value #ALL_USERS} takes one of those places, claimed first.
     */
    public static final TagKey USER_ID = TagKey.of("user_id",
            TagPolicy.bounded(TagPolicy.DEFAULT_MAX_DISTINCT_VALUES),
            "The user; bounded, later users are recorded as other; _all on the score gauges is "
                    + "every user");

    /** {@code registration_method}: a registered set, {@link #REGISTRATION_METHODS} by default. */
    public static final TagKey REGISTRATION_METHOD = TagKey.of("registration_method",
            TagPolicy.registered(REGISTRATION_METHODS),
            "How the user registered: " + String.join(", ", REGISTRATION_METHODS)
                    + ", a method the application registered, or other");

    /**
     * {@code file_type}: obs-upload's key ({@link UploadTagKeys#FILE_TYPE}), normalized by
     * {@link FileTypes#normalize(String)}, so both modules label a document alike.
     */
    public static final TagKey FILE_TYPE = UploadTagKeys.FILE_TYPE;

    /** {@code status}: obs-upload's document key ({@link UploadTagKeys#STATUS}), success or error. */
    public static final TagKey STATUS = UploadTagKeys.STATUS;

    /**
     * {@code language}: obs-agent's key ({@link AgentTagKeys#LANGUAGE}), the BCP 47 primary
     * language subtag in the registered set {@link AgentTagKeys#BUILT_IN_LANGUAGES} (plus the
     * application's), otherwise {@code other}; so {@code chat_sessions_total} and obs-agent's
     * {@code chat_requests_total} label a chat alike.
     */
    public static final TagKey LANGUAGE = AgentTagKeys.LANGUAGE;

    /** {@code message_type}: a registered set, {@link #MESSAGE_TYPES} by default. */
    public static final TagKey MESSAGE_TYPE = TagKey.of("message_type",
            TagPolicy.registered(MESSAGE_TYPES),
            "Who sent the message: " + String.join(", ", MESSAGE_TYPES)
                    + ", a type the application registered, or other");

    private BusinessTagKeys() {
    }
}
