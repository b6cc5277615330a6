package org.fargatedsp.shipper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Bid-log lines for the tests, and what the directory sink wrote. */
final class Lines {
    /** 2026-01-01T00:00:00Z. */
    static final long T0 = 1_767_225_600_000L;

    private Lines() {}

    /** A valid bid line, about 400 bytes, told apart by {@code n}, with its own {@code ts}. */
    static String bid(String task, long n, long ts) {
        return "{\"schema_version\":1,\"type\":\"bid\",\"ts\":" + ts + ",\"request_id\":\"req-" + n
                + "\",\"exchange\":\"exchange-a\",\"imp_ids\":[\"1\",\"2\"],\"outcome\":\"bid\",\"reason\":null,"
                + "\"bids\":[{\"imp_id\":\"1\",\"bid_id\":\"b-" + n + "\",\"seat\":\"seat-7\",\"campaign_id\":\"c-42\","
                + "\"creative_id\":\"cr-9\",\"deal_id\":null,\"price\":1.25,\"cur\":\"USD\"}],\"processing_us\":850,"
                + "\"test\":false,\"task_id\":\"" + task + "\",\"version\":\"1.4.0\"}";
    }

    /** Every line of every object under {@code root}, in no particular order. */
    static List<String> shipped(Path root) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path object : objects(root)) {
            byte[] gz;
            try {
                gz = Files.readAllBytes(object);
            } catch (java.nio.file.NoSuchFileException replacedMeanwhile) {
                continue;
            }
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                for (String line : text.split("\n", -1)) {
                    if (!line.isEmpty()) {
                        lines.add(line);
                    }
                }
            }
        }
        return lines;
    }

    /** The objects under {@code root}: {@code .jsonl.gz} files, temporary ones left out. */
    static List<Path> objects(Path root) throws IOException {
        List<Path> objects = new ArrayList<>();
        if (!Files.exists(root)) {
            return objects;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                if (name.endsWith(".jsonl.gz") && !name.startsWith(".")) {
                    objects.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // A temporary file renamed over its object meanwhile.
                return FileVisitResult.CONTINUE;
            }
        });
        objects.sort(null);
        return objects;
    }

    /** Awaitility, bounded generously for a busy machine; never a fixed sleep. */
    static ConditionFactory eventually(String what) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5));
    }
}
