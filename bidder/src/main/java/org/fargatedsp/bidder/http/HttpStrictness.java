package org.fargatedsp.bidder.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Holds requests to RFC 9112 where Netty's decoder is lenient, for one connection: a request is refused with
 * {@code 400} and the connection closed when a header line is folded onto the one before it (obs-fold, section
 * 5.2), which the decoder would join silently; when its {@code Transfer-Encoding} is anything but a lone
 * {@code chunked} (section 6.1); or when it lacks a {@code Host} (HTTP/1.1 only, section 3.2; HTTP/1.0 predates
 * it), has more than one, or one that is not a host and port. Such framing and routing ambiguities are how a
 * request is smuggled past a proxy that reads it differently.
 *
 * <p>{@link HeadRules} has the rules. Two handlers share it, like {@link ArrivalClock}'s: {@link #heads()} before the codec scans the raw bytes of
 * each request head for a line that starts with whitespace, and hands the codec each head on its own so that it
 * knows, from what the codec then made of the head, where the body ends and the next head starts: the decoder's
 * own framing, never a second opinion. {@link #messages()} after the codec checks each request head and marks a
 * refused one failed ({@link DecoderResult}), which the aggregator passes on at once without its body and the
 * router answers with {@code 400} and {@code Connection: close}; whatever the connection sends after it is
 * discarded unread, as Netty does after a request it cannot parse.
 */
final class HttpStrictness {
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private enum State {
        /** Before a request line: the empty lines the decoder skips there. */
        START,
        /** Inside a line of a head, or of the trailer section. */
        LINE,
        /** At the first byte of a line of a head. */
        LINE_START,
        /** After a CR at the start of a line: a LF ends the head. */
        LINE_START_CR,
        /** Inside a body of known length. */
        BODY,
        /** Inside a chunk-size line (RFC 9112, 7.1). */
        CHUNK_SIZE,
        /** Inside a chunk's data, then up to the end of its line. */
        CHUNK_DATA,
        /** At the first byte of a line of the trailer section. */
        TRAILER_LINE_START,
        /** After a CR at the start of a trailer line: a LF ends the message. */
        TRAILER_LINE_START_CR,
        /** Framing no longer followed (the decoder will refuse what comes): bytes pass unscanned. */
        PASS,
        /** A request was refused: nothing more is read. */
        DISCARD
    }

    private final ChannelHandler heads = new Heads();
    private final ChannelHandler messages = new Messages();
    private State state = State.START;
    /** In {@link State#LINE}: whether the line belongs to the trailer section rather than a head. */
    private boolean inTrailer;
    private boolean folded;
    private boolean trailerFolded;
    private boolean requestSeen;
    private boolean refused;
    private boolean chunked;
    private long remaining;
    private int sizeDigits;
    private boolean sizeEnded;

    /** The handler that goes right before the HTTP codec. */
    ChannelHandler heads() {
        return heads;
    }

    /** The handler that goes right after the HTTP codec. */
    ChannelHandler messages() {
        return messages;
    }

    /** The head just handed to the codec was read: what comes next is set by what the codec made of it. */
    private void headEnded() {
        if (refused) {
            state = State.DISCARD;
        } else if (!requestSeen) {
            state = State.PASS;
        } else if (chunked) {
            startChunk();
        } else if (remaining > 0) {
            state = State.BODY;
        } else {
            state = State.START;
        }
        folded = false;
        requestSeen = false;
    }

    private void startChunk() {
        state = State.CHUNK_SIZE;
        remaining = 0;
        sizeDigits = 0;
        sizeEnded = false;
    }

    /** The end of the chunk-size line: a last chunk starts the trailer section, another its data. */
    private void chunkSizeEnded() {
        if (sizeDigits == 0) {
            state = State.PASS;
        } else if (remaining == 0) {
            state = State.TRAILER_LINE_START;
        } else {
            // Its data, then the CRLF that ends it: one LF more to find.
            state = State.CHUNK_DATA;
        }
    }

    private void chunkSizeByte(byte b) {
        int digit = Character.digit(b, 16);
        if (!sizeEnded && digit >= 0) {
            remaining = remaining * 16 + digit;
            if (++sizeDigits > 15) {
                state = State.PASS;
            }
        } else {
            // A chunk extension or whitespace: the decoder judges it.
            sizeEnded = true;
        }
    }

    private final class Heads extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf in)) {
                ctx.fireChannelRead(msg);
                return;
            }
            if (state == State.PASS) {
                ctx.fireChannelRead(in);
                return;
            }
            try {
                scan(ctx, in);
            } finally {
                in.release();
            }
        }

        /** Scans {@code in}, handing the codec each head as it ends and the rest of the bytes at the end. */
        private void scan(ChannelHandlerContext ctx, ByteBuf in) {
            int at = in.readerIndex();
            int end = in.writerIndex();
            int passed = at;
            while (at < end && state != State.DISCARD && state != State.PASS) {
                switch (state) {
                    case START -> {
                        // The decoder skips empty lines before a request line (RFC 9112, 2.2).
                        while (at < end && (in.getByte(at) == CR || in.getByte(at) == LF)) {
                            at++;
                        }
                        if (at < end) {
                            inTrailer = false;
                            state = State.LINE;
                        }
                    }
                    case LINE -> {
                        int lf = in.indexOf(at, end, LF);
                        if (lf < 0) {
                            at = end;
                        } else {
                            at = lf + 1;
                            state = inTrailer ? State.TRAILER_LINE_START : State.LINE_START;
                        }
                    }
                    case LINE_START, TRAILER_LINE_START -> {
                        byte b = in.getByte(at++);
                        boolean trailer = state == State.TRAILER_LINE_START;
                        if (b == CR) {
                            state = trailer ? State.TRAILER_LINE_START_CR : State.LINE_START_CR;
                        } else if (b == LF) {
                            passed = ended(ctx, in, passed, at, trailer);
                        } else {
                            boolean fold = b == ' ' || b == '\t';
                            if (trailer) {
                                trailerFolded |= fold;
                            } else {
                                folded |= fold;
                            }
                            inTrailer = trailer;
                            state = State.LINE;
                        }
                    }
                    case LINE_START_CR, TRAILER_LINE_START_CR -> {
                        boolean trailer = state == State.TRAILER_LINE_START_CR;
                        if (in.getByte(at) == LF) {
                            passed = ended(ctx, in, passed, ++at, trailer);
                        } else {
                            // A CR alone: the decoder refuses the line.
                            inTrailer = trailer;
                            state = State.LINE;
                        }
                    }
                    case BODY -> {
                        int n = (int) Math.min(remaining, end - at);
                        at += n;
                        remaining -= n;
                        if (remaining == 0) {
                            // The message ends here: the codec sees its end before the next head is scanned.
                            ctx.fireChannelRead(in.retainedSlice(passed, at - passed));
                            passed = at;
                            state = refused ? State.DISCARD : State.START;
                        }
                    }
                    case CHUNK_SIZE -> {
                        byte b = in.getByte(at++);
                        if (b == LF) {
                            chunkSizeEnded();
                        } else if (b != CR) {
                            chunkSizeByte(b);
                        }
                    }
                    case CHUNK_DATA -> {
                        if (remaining > 0) {
                            int n = (int) Math.min(remaining, end - at);
                            at += n;
                            remaining -= n;
                        } else {
                            int lf = in.indexOf(at, end, LF);
                            if (lf < 0) {
                                at = end;
                            } else {
                                at = lf + 1;
                                startChunk();
                            }
                        }
                    }
                    default -> throw new IllegalStateException(state.name());
                }
            }
            if (state == State.DISCARD) {
                return;
            }
            if (passed < end) {
                ctx.fireChannelRead(in.retainedSlice(passed, end - passed));
            }
            if (refused) {
                // The decoder refused a head before its end.
                state = State.DISCARD;
            }
        }

        /**
         * A head, or a message with its trailer section, ends at {@code at}: everything up to it goes to the codec,
         * and the next state follows from what the codec made of it. Returns where the bytes not yet passed start.
         */
        private int ended(ChannelHandlerContext ctx, ByteBuf in, int passed, int at, boolean trailer) {
            ctx.fireChannelRead(in.retainedSlice(passed, at - passed));
            if (trailer) {
                state = refused ? State.DISCARD : State.START;
                trailerFolded = false;
            } else {
                headEnded();
            }
            return at;
        }
    }

    private final class Messages extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                requestSeen = true;
                if (!request.decoderResult().isSuccess()) {
                    // The decoder refused it, and discards what follows itself.
                    refused = true;
                } else {
                    String problem = HeadRules.problem(request, folded);
                    if (problem != null) {
                        refused = true;
                        request.setDecoderResult(DecoderResult.failure(new Refusal(problem)));
                    } else {
                        chunked = HttpUtil.isTransferEncodingChunked(request);
                        remaining = chunked ? 0 : HttpUtil.getContentLength(request, 0L);
                    }
                }
            } else if (msg instanceof LastHttpContent last && trailerFolded && !refused) {
                // A folded line in the trailer section: the message is refused as a whole.
                refused = true;
                last.release();
                LastHttpContent failed = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
                failed.setDecoderResult(DecoderResult.failure(new Refusal("a trailer line starts with whitespace"
                        + " (obs-fold), which this server refuses (RFC 9112, 5.2)")));
                ctx.fireChannelRead(failed);
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** Why a request was refused, as the router tells the client; cheap, as it carries no stack trace. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refusal(String reason) {
            super(reason, null, false, false);
        }
    }
}
