package org.fargatedsp.bidder.campaign;

/** What one check of the campaign source did; {@link #tag()} is the {@code outcome} tag of the reload counter. */
public enum ReloadOutcome {
    /** The content is the one loaded, or one refused or invalid before: nothing to do. */
    UNCHANGED("unchanged"),
    /** New content was loaded and swapped in. */
    LOADED("loaded"),
    /** New, valid content was refused: it would drop more campaigns than {@code CAMPAIGNS_MAX_DROP_PERCENT}. */
    REFUSED("refused"),
    /** New content is invalid, or the source could not be read (a file, a table that does not answer). */
    FAILED("failed");

    private final String tag;

    ReloadOutcome(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
