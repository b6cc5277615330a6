package org.fargatedsp.shipper.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter file: one JSON line per bid-log line that failed the schema, with its file, line number and
 * reason, and the line itself ({@code line} when it is UTF-8, else {@code line_base64}). It is forced to disk
 * before any checkpoint that passes the lines it holds, so a bad line is never only in memory. After a crash a
 * bad line can be written twice; its file and line number tell the repeats apart. Past its budget, bad lines are
 * counted and logged only.
 */
public final class DeadLetterFile implements BadLineSink, Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterFile.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final Path path;
    private final FileChannel channel;
    private final long maxBytes;
    private final Counter written;
    private final Counter dropped;
    private final ByteArrayOutputStream entry = new ByteArrayOutputStream(1024);
    private long size;
    private boolean dirty;

    public DeadLetterFile(Path path, long maxBytes, MeterRegistry meters) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        this.size = channel.size();
        this.maxBytes = maxBytes;
        this.written = Counter.builder("dsp.shipper.dead_letters").description("bad lines in the dead-letter file")
                .register(meters);
        this.dropped = Counter.builder("dsp.shipper.dead_letters.dropped")
                .description("bad lines past the dead-letter file's budget: counted and logged only").register(meters);
    }

    @Override
    public synchronized void badLine(String fileName, long lineNumber, byte[] line, int offset, int length,
            String reason) {
        entry.reset();
        try (JsonGenerator g = JSON.createGenerator(entry)) {
            g.writeStartObject();
            g.writeStringField("file", fileName);
            g.writeNumberField("line", lineNumber);
            g.writeStringField("reason", reason);
            String text = utf8(line, offset, length);
            if (text != null) {
                g.writeStringField("line", text);
            } else {
                g.writeStringField("line_base64", Base64.getEncoder().encodeToString(
                        Arrays.copyOfRange(line, offset, offset + length)));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory generator cannot fail", e);
        }
        entry.write('\n');
        if (size + entry.size() > maxBytes) {
            dropped.increment();
            LOG.error("dead-letter file {} is full ({} bytes): {} line {} is not kept: {}", path, size, fileName,
                    lineNumber, reason);
            return;
        }
        try {
            ByteBuffer src = ByteBuffer.wrap(entry.toByteArray());
            while (src.hasRemaining()) {
                channel.write(src);
            }
            size += entry.size();
            dirty = true;
            written.increment();
            LOG.warn("bad line {} of {} went to the dead-letter file: {}", lineNumber, fileName, reason);
        } catch (IOException e) {
            // A bad line must not stop the good ones behind it; it is still counted and named in the log.
            dropped.increment();
            LOG.error("dead-letter file {} could not be written: {} line {} is not kept: {}", path, fileName,
                    lineNumber, reason, e);
        }
    }

    /** Forces what was written since the last call to disk; called before a checkpoint passes those lines. */
    public synchronized void force() throws IOException {
        if (dirty) {
            channel.force(false);
            dirty = false;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        force();
        channel.close();
    }

    private static String utf8(byte[] line, int offset, int length) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line, offset, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
