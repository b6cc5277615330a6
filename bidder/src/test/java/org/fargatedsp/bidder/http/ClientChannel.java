package org.fargatedsp.bidder.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * An {@link EmbeddedChannel} on a ticker the test moves, whose client can stop reading: while it does not read,
 * whatever the pipeline writes stays in the channel's outbound buffer, as it does on a socket whose peer reads
 * nothing, so that the channel's writability and the buffer's size behave as they would there.
 */
final class ClientChannel extends EmbeddedChannel {
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 [0-9]{3} [^\r]*");

    private final MockTicker ticker;
    private boolean reading = true;

    private ClientChannel(MockTicker ticker) {
        super(EmbeddedChannel.builder().register(false).ticker(ticker));
        this.ticker = ticker;
    }

    /** A channel on a new mock ticker, not registered yet: for {@code EmbeddedBidder.connect(channel, alloc)}. */
    static ClientChannel create() {
        return new ClientChannel(Ticker.newMockTicker());
    }

    /** The client stops reading: writes stay queued on the server's side. */
    ClientChannel stopReading() {
        reading = false;
        return this;
    }

    /** The client reads again: what was queued goes out, and whatever waited for that runs. */
    ClientChannel startReading() {
        reading = true;
        flush();
        runPendingTasks();
        return this;
    }

    /** Moves the channel's clock on by {@code ms} and runs the timers that are then due. */
    ClientChannel advanceMillis(long ms) {
        ticker.advance(ms, TimeUnit.MILLISECONDS);
        runPendingTasks();
        return this;
    }

    /** Bytes written and not yet taken by the client. */
    long queuedBytes() {
        return FlowControl.pendingBytes(this);
    }

    /** Everything the client has read so far, as text; the buffers are released. */
    static String readAll(EmbeddedChannel channel) {
        StringBuilder out = new StringBuilder();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            out.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return out.toString();
    }

    /** Status lines in order; a body has no line end of its own, so they are found by pattern, not by line. */
    static List<String> statusLines(String out) {
        return STATUS_LINE.matcher(out).results().map(MatchResult::group).toList();
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer in) throws Exception {
        if (reading) {
            super.doWrite(in);
        }
    }
}
