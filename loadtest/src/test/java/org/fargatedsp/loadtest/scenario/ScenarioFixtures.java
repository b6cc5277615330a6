package org.fargatedsp.loadtest.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.fargatedsp.loadtest.report.ReportFiles;
import org.fargatedsp.loadtest.report.RunSummary;

/** The files under {@code src/test/resources/scenario/}: generator summaries and server logs of known outcome. */
final class ScenarioFixtures {
    private ScenarioFixtures() {}

    static Path path(String name) {
        URL url = ScenarioFixtures.class.getResource("/scenario/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture scenario/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static RunSummary summary(String name) {
        try {
            return ReportFiles.readSummary(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
