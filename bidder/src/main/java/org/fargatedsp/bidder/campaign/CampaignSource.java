package org.fargatedsp.bidder.campaign;

import java.util.List;
import java.util.Map;

/**
 * Where the reloader reads campaigns: the embedded set or a file ({@link FileCampaignSource}), or a DynamoDB table
 * ({@code TableCampaignSource}). Every call runs off the request path, on the reloader's thread.
 */
public interface CampaignSource {
    /** Says where campaigns come from, for logs and {@code /health}. */
    String describe();

    /**
     * The version of the source's content now when it can tell without reading the campaigns (a file's hash),
     * else null: then only {@link #reload} can say.
     */
    String peekVersion();

    /**
     * Reads and validates every campaign.
     *
     * @throws CampaignFileException when the content is invalid
     * @throws RuntimeException when the source cannot be reached or read
     */
    Loaded loadVersioned();

    /** {@link #loadVersioned()}'s campaigns. */
    default List<Campaign> load() {
        return loadVersioned().campaigns();
    }

    /**
     * What the source holds now, given that {@code current} is what it gave last and is served: read whole, or
     * only what changed since. Throws as {@link #loadVersioned()}.
     */
    default Loaded reload(Loaded current) {
        return loadVersioned();
    }

    /**
     * Whether a source that fails at start is to be tried again until it answers (a store across the network),
     * rather than stop the start (a file, whose problems are the configuration's).
     */
    default boolean retriesAtStart() {
        return false;
    }

    /** Adds what the source alone knows to its part of {@code /health}. */
    default void addTo(Map<String, Object> details) {}

    /**
     * Campaigns as read, the version of the content they were read from (equal content, equal version, however it
     * was read), and what the source needs to read only the changes next time: opaque to all but the source.
     */
    record Loaded(List<Campaign> campaigns, String version, Object position) {
        public Loaded {
            campaigns = List.copyOf(campaigns);
        }

        public Loaded(List<Campaign> campaigns, String version) {
            this(campaigns, version, null);
        }
    }
}
