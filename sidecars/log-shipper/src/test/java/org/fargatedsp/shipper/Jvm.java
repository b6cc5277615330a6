package org.fargatedsp.shipper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A main of this module's classpath in a JVM of its own, for tests that kill it with {@code kill -9}. */
final class Jvm {
    private Jvm() {}

    static Process start(Class<?> main, Map<String, String> env, Path log, String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (log != null) {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        builder.environment().putAll(env);
        return builder.start();
    }

    /** {@code kill -9}: {@link Process#destroyForcibly} sends SIGKILL on Linux. */
    static void kill9(Process process) throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }
}
