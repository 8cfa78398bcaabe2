package io.github.obskit.business;

import io.github.obskit.agent.AgentListener;
import io.github.obskit.agent.ChatRequest;
import io.github.obskit.business.internal.ActivityTracker;
import io.github.obskit.business.internal.PrimaryLanguage;
import io.github.obskit.business.internal.RollingAverage;
import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.metrics.GaugeFamily;
import io.github.obskit.core.metrics.GaugeValue;
import io.github.obskit.core.metrics.MeterFamilies;
import io.github.obskit.core.metrics.MeterFamily;
import io.github.obskit.core.metrics.TagPolicies;
import io.github.obskit.core.operation.Outcome;
import io.github.obskit.upload.FileTypes;
import io.github.obskit.upload.UploadListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The typed recorder of the {@link BusinessMeters} catalog. Create one per registry at start-up,
 * share it (it is thread-safe) and close it at shutdown:
 *
 * <pre>{@code
 * BusinessMetrics business = BusinessMetrics.builder(registry)
 *         .activityStore(JdbcActivityStore.create(dataSource))   // shared by the replicas
 *         .build();
 * business.recordActivity(userId);                 // on every authenticated request
 * business.recordChatSession(userId, "en-US");
 * business.recordSatisfaction(userId, 4);
 * }</pre>
 *
 * <p><b>Active users.</b> {@code users_active_daily} is the number of distinct users active on
 * the current UTC day, {@code users_active_monthly} on the current UTC day and the 29 before it,
 * as the {@link ActivityStore} counts them: with a shared {@link JdbcActivityStore} every replica
 * reports the same distinct count (use {@code max}, not {@code sum}, across replicas). {@link
 * #recordActivity(String)} costs one map lookup for a user already seen today (no allocation, no
 * I/O); the first request of a user each day queues one write. One daemon thread per recorder
 * ({@code obskit-business-refresh}) writes the queued users and reads the counts every refresh
 * interval; a scrape only reads the cached values. Until the first refresh succeeds the gauges
 * read {@code NaN}; a store failure is logged once and keeps the last values.
 *
 * <p><b>Scores.</b> {@code response_quality_average} (0..1) and {@code user_satisfaction_score}
 * (1..5) are the averages of the scores recorded in the score window (default the last 60
 * minutes, leaving in one-minute steps), per user and for {@code user_id="_all"}, which is every
 * user, including those past the {@code user_id} bound: a dashboard reads that series instead
 * of averaging a truncated set. With no score in the window a series reads {@code NaN}.
 *
 * <p><b>Counters</b> carry {@code user_id} bounded per registry ({@linkplain
 * io.github.obskit.core.metrics.TagPolicy the cardinality rule}); {@code sum} over a counter's
 * series is exact, so counters have no {@code _all} series. No method throws into the caller:
 * {@code null} and unexpected values are recorded under {@code unknown} or {@code other} as the
 * keys' policies say ({@link BusinessTagKeys}); a score out of range is not recorded (one
 * warning). Build one recorder per registry: two on one registry would share their gauges.
 */
public final class BusinessMetrics implements AutoCloseable {

    /** The longest user id the activity store keeps; longer ids are cut to this length. */
    public static final int MAX_USER_ID_LENGTH = 256;

    /** The default interval of the refresh thread: 30 seconds. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(30);

    /** The default score window: 60 minutes. */
    public static final Duration DEFAULT_SCORE_WINDOW = Duration.ofMinutes(60);

    private final MeterFamily<Counter> usersRegistered;
    private final MeterFamily<Counter> documentsUploaded;
    private final MeterFamily<Counter> chatSessions;
    private final MeterFamily<Counter> messagesSent;
    private final GaugeValue activeDaily;
    private final GaugeValue activeMonthly;
    private final Scores quality;
    private final Scores satisfaction;
    private final PrimaryLanguage languages;
    private final ActivityTracker activity;
    private final ActivityStore store;
    private final Clock clock;
    private final ScheduledExecutorService refresher;
    private final UploadListener uploadListener;
    private final AgentListener agentListener;

    private BusinessMetrics(Builder b) {
        MeterFamilies families = MeterFamilies.of(b.registry, b.policies, List.of(BusinessMeters.values()));
        this.clock = b.clock;
        this.store = b.store;
        this.usersRegistered = families.counter(BusinessMeters.USERS_REGISTERED);
        this.documentsUploaded = families.counter(BusinessMeters.DOCUMENTS_UPLOADED);
        this.chatSessions = families.counter(BusinessMeters.CHAT_SESSIONS);
        this.messagesSent = families.counter(BusinessMeters.MESSAGES_SENT);
        this.languages = new PrimaryLanguage(families.policyFor(BusinessMeters.CHAT_SESSIONS,
                BusinessTagKeys.LANGUAGE).allowedValues());
        this.activeDaily = families.gaugeFamily(BusinessMeters.USERS_ACTIVE_DAILY).get();
        this.activeMonthly = families.gaugeFamily(BusinessMeters.USERS_ACTIVE_MONTHLY).get();
        activeDaily.set(Double.NaN);
        activeMonthly.set(Double.NaN);
        long window = b.scoreWindow.toMillis();
        this.quality = new Scores(families.gaugeFamily(BusinessMeters.RESPONSE_QUALITY_AVERAGE), window);
        this.satisfaction = new Scores(families.gaugeFamily(BusinessMeters.USER_SATISFACTION_SCORE), window);
        this.activity = new ActivityTracker(b.store, b.clock);
        this.uploadListener = (document, outcome) ->
                recordDocumentUploaded(document.userId(), document.fileType(), outcome);
        this.agentListener = new AgentListener() {
            @Override
            public void chatSessionStarted(ChatRequest firstMessage) {
                recordChatSession(firstMessage.userId(), firstMessage.language());
            }

            @Override
            public void chatTurnEnded(ChatRequest request, Outcome outcome) {
                recordMessageSent(request.userId(), request.messageType());
            }
        };
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "obskit-business-refresh");
            t.setDaemon(true);
            return t;
        });
        long interval = b.refreshInterval.toMillis();
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Creates the recorder with default options: an {@link InMemoryActivityStore}, refresh every
     * 30 seconds, a 60-minute score window, default tag policies, the UTC system clock.
     *
     * @param registry where the meters are registered
     * @return the recorder; its refresh thread is running
     */
    public static BusinessMetrics create(MeterRegistry registry) {
        return builder(registry).build();
    }

    /**
     * Starts a recorder with options.
     *
     * @param registry where the meters are registered
     * @return a builder
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    /**
     * Counts one registration in {@code users_registered_total{registration_method}}.
     *
     * @param registrationMethod a value of {@link BusinessTagKeys#REGISTRATION_METHODS} or one the
     *     application registered; anything else is {@code other}
     */
    public void recordUserRegistered(String registrationMethod) {
        try {
            usersRegistered.get(registrationMethod).increment();
        } catch (RuntimeException e) {
            warn("recordUserRegistered", e);
        }
    }

    /**
     * Records that a user was active now, for {@code users_active_daily} and {@code
     * users_active_monthly}. Call it on every authenticated request: a user already seen today
     * costs one map lookup and allocates nothing.
     *
     * @param userId the user; {@code null} or blank is ignored, longer than {@value
     *     #MAX_USER_ID_LENGTH} characters is cut
     */
    public void recordActivity(String userId) {
        if (userId == null || userId.isBlank()) {
            return;
        }
        try {
            activity.record(userId.length() > MAX_USER_ID_LENGTH
                    ? userId.substring(0, MAX_USER_ID_LENGTH) : userId);
        } catch (RuntimeException e) {
            warn("recordActivity", e);
        }
    }

    /**
     * Counts one uploaded document in {@code documents_uploaded_total{user_id,file_type,status}}.
     * An application that uploads through obs-upload's {@code UploadTelemetry} passes {@link
     * #uploadListener()} to it instead of calling this.
     *
     * @param userId the uploading user; bounded
     * @param fileType a MIME type, extension or file name, normalized by {@link
     *     FileTypes#normalize(String)}
     * @param status how the upload ended; {@code null} is {@code unknown}
     */
    public void recordDocumentUploaded(String userId, String fileType, Outcome status) {
        try {
            documentsUploaded.get(userId, FileTypes.normalize(fileType),
                    status != null ? status.tagValue() : null).increment();
        } catch (RuntimeException e) {
            warn("recordDocumentUploaded", e);
        }
    }

    /**
     * Returns the listener that counts every upload obs-upload records in {@code
     * documents_uploaded_total}, so the application records each upload once: {@code
     * UploadTelemetry.builder(registry, openTelemetry).listener(business.uploadListener())}.
     *
     * @return the listener (the same instance on every call)
     */
    public UploadListener uploadListener() {
        return uploadListener;
    }

    /**
     * Returns the listener that counts the chats obs-agent records, so the application records
     * each chat once: {@code AgentTelemetry.builder(registry, openTelemetry).listener(
     * business.agentListener())}. A session the agent tracks ({@code AgentTelemetry.session(id)})
     * counts once in {@code chat_sessions_total{user_id,language}}, with the user and language of
     * its first chat turn; turns whose conversation has no open session count no session. Every
     * chat turn counts once in {@code messages_sent_total{user_id,message_type}}, with its
     * request's user and message type, whatever its outcome (the message was sent).
     *
     * @return the listener (the same instance on every call)
     */
    public AgentListener agentListener() {
        return agentListener;
    }

    /**
     * Counts one chat session in {@code chat_sessions_total{user_id,language}}. An application that
     * chats through obs-agent's {@code AgentTelemetry} passes {@link #agentListener()} to it
     * instead of calling this.
     *
     * @param userId the user; bounded
     * @param language a BCP 47 tag such as {@code en-US}, recorded under its primary subtag when
     *     that is in the registered set ({@link io.github.obskit.agent.AgentTagKeys#BUILT_IN_LANGUAGES}), otherwise {@code other}
     */
    public void recordChatSession(String userId, String language) {
        try {
            chatSessions.get(userId, languages.of(language)).increment();
        } catch (RuntimeException e) {
            warn("recordChatSession", e);
        }
    }

    /**
     * Counts one message in {@code messages_sent_total{user_id,message_type}}. An application that
     * chats through obs-agent's {@code AgentTelemetry} passes {@link #agentListener()} to it
     * instead of calling this.
     *
     * @param userId the user; bounded
     * @param messageType a value of {@link BusinessTagKeys#MESSAGE_TYPES} or one the application
     *     registered; anything else is {@code other}
     */
    public void recordMessageSent(String userId, String messageType) {
        try {
            messagesSent.get(userId, messageType).increment();
        } catch (RuntimeException e) {
            warn("recordMessageSent", e);
        }
    }

    /**
     * Records one response quality score in {@code response_quality_average{user_id}}, for the
     * user and for {@code user_id="_all"}.
     *
     * @param userId the user whose response was scored; bounded
     * @param score from 0 to 1; anything else (or NaN) is not recorded
     */
    public void recordResponseQuality(String userId, double score) {
        if (!(score >= 0 && score <= 1)) {
            OnceLogger.warn("business-metrics:quality-range", "A response quality score outside "
                    + "0..1 was not recorded: " + score, null);
            return;
        }
        quality.record(userId, score, clock.millis());
    }

    /**
     * Records one satisfaction rating in {@code user_satisfaction_score{user_id}}, for the user
     * and for {@code user_id="_all"}.
     *
     * @param userId the rating user; bounded
     * @param rating from 1 to 5; anything else is not recorded
     */
    public void recordSatisfaction(String userId, int rating) {
        if (rating < 1 || rating > 5) {
            OnceLogger.warn("business-metrics:satisfaction-range", "A satisfaction rating outside "
                    + "1..5 was not recorded: " + rating, null);
            return;
        }
        satisfaction.record(userId, rating, clock.millis());
    }

    /**
     * Refreshes the cached values now, on the caller's thread, as the refresh thread does every
     * interval: writes the users seen since the last refresh to the store, reads the active-user
     * counts, and ages the score averages. For tests and for a last flush before shutdown; never
     * throws.
     */
    public void refresh() {
        refreshQuietly();
    }

    /**
     * Stops the refresh thread after a last refresh (so users seen since the previous one reach
     * the store). The meters stay registered with their last values.
     */
    @Override
    public void close() {
        refresher.shutdownNow();
        try {
            refresher.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        refreshQuietly();
    }

    private void refreshQuietly() {
        try {
            activity.refresh();
            long daily = activity.daily();
            long monthly = activity.monthly();
            if (daily >= 0) {
                activeDaily.set(daily);
                activeMonthly.set(monthly);
            }
            long now = clock.millis();
            quality.age(now);
            satisfaction.age(now);
        } catch (RuntimeException e) {
            OnceLogger.warn("business-metrics:refresh", "Refreshing the business gauges failed; "
                    + "they keep their last values", e);
        }
    }

    private static void warn(String method, RuntimeException e) {
        OnceLogger.warn("business-metrics:" + method, "BusinessMetrics." + method
                + " failed; the value was not recorded", e);
    }

    @Override
    public String toString() {
        return "BusinessMetrics[" + store + "]";
    }

    /** The rolling averages behind one score gauge: one per series, plus the all-users one. */
    private static final class Scores {

        private final GaugeFamily family;
        private final long windowMillis;
        private final GaugeValue allValue;
        private final RollingAverage all;
        private final ConcurrentHashMap<GaugeValue, RollingAverage> bySeries = new ConcurrentHashMap<>();

        Scores(GaugeFamily family, long windowMillis) {
            this.family = family;
            this.windowMillis = windowMillis;
            // Claimed first, so the all-users series always has its own place under the bound.
            this.allValue = family.get(BusinessTagKeys.ALL_USERS);
            this.all = new RollingAverage(windowMillis);
            allValue.set(Double.NaN);
        }

        void record(String userId, double score, long now) {
            try {
                all.add(score, now);
                allValue.set(all.average(now));
                GaugeValue series = family.get(userId);
                if (series == allValue) {
                    return; // user_id dropped, or a user called _all: counted once, in _all
                }
                RollingAverage average = bySeries.get(series);
                if (average == null) {
                    average = bySeries.computeIfAbsent(series, s -> new RollingAverage(windowMillis));
                }
                average.add(score, now);
                series.set(average.average(now));
            } catch (RuntimeException e) {
                warn("record " + family.definition().name(), e);
            }
        }

        void age(long now) {
            allValue.set(all.average(now));
            bySeries.forEach((series, average) -> series.set(average.average(now)));
        }
    }

    /**
     * Builds {@link BusinessMetrics}. Defaults: an {@link InMemoryActivityStore}, refresh every
     * {@link #DEFAULT_REFRESH_INTERVAL}, score window {@link #DEFAULT_SCORE_WINDOW}, {@link
     * TagPolicies#defaults()}, {@link Clock#systemUTC()}. Not thread-safe.
     */
    public static final class Builder {

        private final MeterRegistry registry;
        private TagPolicies policies = TagPolicies.defaults();
        private ActivityStore store;
        private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;
        private Duration scoreWindow = DEFAULT_SCORE_WINDOW;
        private Clock clock = Clock.systemUTC();

        private Builder(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * Overrides the default tag policies of {@link BusinessTagKeys}, checked against {@link
         * BusinessMeters}. Default: {@link TagPolicies#defaults()}.
         *
         * @param tagPolicies the overrides
         * @return this builder
         */
        public Builder tagPolicies(TagPolicies tagPolicies) {
            this.policies = Objects.requireNonNull(tagPolicies, "tagPolicies");
            return this;
        }

        /**
         * Sets where active users are counted. Default: a new {@link InMemoryActivityStore}
         * (exact for one instance; replicas need a shared {@link JdbcActivityStore}).
         *
         * @param activityStore the store
         * @return this builder
         */
        public Builder activityStore(ActivityStore activityStore) {
            this.store = Objects.requireNonNull(activityStore, "activityStore");
            return this;
        }

        /**
         * Sets how often the refresh thread writes new active users and reads the counts.
         * Default: 30 seconds.
         *
         * @param interval at least one millisecond
         * @return this builder
         */
        public Builder refreshInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.toMillis() < 1) {
                throw new IllegalArgumentException("the refresh interval must be at least 1 ms");
            }
            this.refreshInterval = interval;
            return this;
        }

        /**
         * Sets the window of the score averages; scores leave it in steps of 1/60 of it. Default:
         * 60 minutes.
         *
         * @param window at least one minute
         * @return this builder
         */
        public Builder scoreWindow(Duration window) {
            Objects.requireNonNull(window, "window");
            if (window.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("the score window must be at least one minute");
            }
            this.scoreWindow = window;
            return this;
        }

        /**
         * Sets the clock that tells the day of activity and the age of scores, for tests.
         * Default: {@link Clock#systemUTC()}; days are UTC days whatever the clock's zone.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the recorder, registers its meters and starts its refresh thread.
         *
         * @return the recorder; close it at shutdown
         * @throws IllegalArgumentException when a tag policy override names a key the catalog
         *     does not have
         */
        public BusinessMetrics build() {
            if (store == null) {
                store = new InMemoryActivityStore();
            }
            return new BusinessMetrics(this);
        }
    }
}
