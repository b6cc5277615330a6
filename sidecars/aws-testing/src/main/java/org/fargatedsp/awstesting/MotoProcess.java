package org.fargatedsp.awstesting;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of moto's server process: its output is read on a thread of its own (moto logs a line per request, and a
 * full pipe would stall it), the port it bound is taken from the line it logs once listening, and the last lines are
 * kept to explain a failure.
 */
final class MotoProcess {
    private static final Pattern RUNNING = Pattern.compile("Running on http://127\\.0\\.0\\.1:(\\d+)");
    private static final int TAIL_LINES = 40;
    private static final long READER_JOIN_MS = 5_000;

    private final Process process;
    private final String command;
    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread reader;
    private volatile int port;

    private MotoProcess(Process process, String command) {
        this.process = process;
        this.command = command;
        this.reader = new Thread(this::readOutput, "moto-output-" + process.pid());
        reader.setDaemon(true);
    }

    /** Starts moto's server through {@code launcher} on {@code port} (0: moto picks one). */
    static MotoProcess start(String python, String launcher, int port) {
        ProcessBuilder builder = new ProcessBuilder(python, "-u", "-c", launcher, "-H", "127.0.0.1", "-p",
                Integer.toString(port)).redirectErrorStream(true);
        String command = python + " -m moto.server -H 127.0.0.1 -p " + port;
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start moto's server (" + command + "): " + e.getMessage()
                    + ". The AWS tests need Python 3 with moto: " + MotoServer.INSTALL_HINT + " (or set "
                    + MotoServer.PYTHON_VARIABLE + " to a Python that has it)", e);
        }
        MotoProcess started = new MotoProcess(process, command);
        started.reader.start();
        return started;
    }

    /** The port moto listens on, or 0 until it says so. */
    int port() {
        return port;
    }

    boolean alive() {
        return process.isAlive();
    }

    void stop() {
        MotoServer.stopProcess(process);
    }

    /** Moto's last lines of output. */
    synchronized String output() {
        return String.join("\n", tail);
    }

    /** Why the process ended before it answered: the install hint when moto is missing. */
    RuntimeException failure() {
        try {
            // The reader thread may still be taking in the last lines.
            process.waitFor();
            reader.join(READER_JOIN_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String output = output();
        if (output.contains("Address already in use")) {
            return new MotoServer.PortTaken(output);
        }
        String reason = output.contains("No module named")
                ? "moto (with its server extras) is not installed for this Python: " + MotoServer.INSTALL_HINT
                : "it exited with status " + process.exitValue() + ". To install moto: " + MotoServer.INSTALL_HINT;
        return new IllegalStateException("moto's server (" + command + ") did not start: " + reason
                + "; its output:\n" + output);
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (port == 0) {
                    Matcher running = RUNNING.matcher(line);
                    if (running.find()) {
                        port = Integer.parseInt(running.group(1));
                    }
                }
                remember(line);
            }
        } catch (IOException e) {
            remember("(output no longer readable: " + e.getMessage() + ")");
        }
    }

    private synchronized void remember(String line) {
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(line);
    }
}
