package org.fargatedsp.deploy.sim;

import java.time.Instant;

/** Small encodings shared by the simulated protocols. */
final class Wire {
    private Wire() {
    }

    /** AWS JSON protocols send timestamps as epoch seconds with a fraction. */
    static double epoch(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
