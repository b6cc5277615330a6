package org.fargatedsp.loadtest.corpus;

/** A corpus that cannot be used: missing, empty, unreadable or not OpenRTB-shaped JSON. */
public final class CorpusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorpusException(String message) {
        super(message);
    }
}
