package org.fargatedsp.bidder.notice;

/**
 * Decides whether a verified notice is the first of its kind ({@link NoticeKey}: the same type for the same bid),
 * so that a repeat is answered but not counted twice. Today's is {@link HeapNoticeDedupe}, per task and bounded in
 * bytes. A fleet-wide one (a DynamoDB conditional put of the key, with a TTL attribute of
 * {@code expiresAtMillis}) must not block the event loop that calls it: it answers later, from its own thread.
 */
public interface NoticeDedupe {
    /**
     * Claims {@code key} and tells {@code then} whether this was its first claim, exactly once: before returning, or
     * later from another thread. The notice's response does not wait for it. A store that cannot answer (an outage)
     * must still call back: as first, which may count a retry twice, or as a repeat, which may lose a notice; the
     * implementation says which and counts it.
     *
     * @param expiresAtMillis after this instant the key need not be remembered: a notice of the same bid is then
     *     refused as expired before it reaches the dedupe
     */
    void claim(NoticeKey key, long expiresAtMillis, Claim then);

    /** What is done with a notice once its claim is decided. */
    @FunctionalInterface
    interface Claim {
        /** @param first whether no notice of the same key was claimed before */
        void decided(boolean first);
    }
}
