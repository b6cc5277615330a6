package org.fargatedsp.bidder.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;

/**
 * Holds requests to RFC 9112 where Netty's decoder is lenient, for one connection: a request is refused with
 * {@code 400} and the connection closed when a header line is folded onto the one before it (obs-fold, section
 * 5.2), which the decoder would join silently; when its {@code Transfer-Encoding} is anything but a lone
 * {@code chunked} (section 6.1); or when it lacks a {@code Host} (HTTP/1.1 only, section 3.2; HTTP/1.0 predates
 * it), has more than one, or one that is not a host and port. Such framing and routing ambiguities are how a
 * request is smuggled past a proxy that reads it differently.
 *
 * <p>{@link HeadRules} has the rules. The decoder of {@link HttpCodec} drives it, within each socket read: before
 * the decoder reads, {@link #readable} scans the raw bytes for a head line that starts with whitespace and lets
 * the decoder read no further than the end of the head, so that it knows, from what the decoder then made of the
 * head ({@link #decoded}), where the body ends and the next head starts: the decoder's own framing, never a second
 * opinion. A refused request is marked failed ({@link DecoderResult}), which the aggregator passes on at once
 * without its body and the router answers with {@code 400} and {@code Connection: close}; whatever the connection
 * sends after it is discarded unread, as Netty does after a request it cannot parse. Nothing is split into reads
 * of its own: bytes not yet decoded stay in the decoder, whether held back between requests or not yet scanned.
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

    /** Where the scan stopped, for the decoder to read up to there first. */
    private enum Stop {
        NONE,
        /** At the end of a head: what follows depends on what the decoder made of it. */
        HEAD,
        /** At the end of a message, its body or its trailer section. */
        MESSAGE
    }

    private State state = State.START;
    private Stop stop = Stop.NONE;
    /** Bytes after the decoder's reader index already scanned, which the decoder may read. */
    private int scanned;
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

    /** True once a request was refused: the decoder reads nothing more, and what arrives is dropped. */
    boolean discarding() {
        return state == State.DISCARD;
    }

    /**
     * How many of {@code in}'s readable bytes the decoder may read now: up to the end of the head or message
     * scanned last, and no further until the decoder has read it and {@link #decoded} learnt from the decoder's
     * output where the body ends. Scans what it has not scanned yet.
     */
    int readable(ByteBuf in) {
        if (state == State.PASS) {
            return in.readableBytes();
        }
        if (stop == Stop.NONE) {
            scanned = scan(in, in.readerIndex() + scanned) - in.readerIndex();
            if (state == State.PASS) {
                return in.readableBytes();
            }
        }
        return scanned;
    }

    /**
     * The decoder read {@code consumed} bytes and added {@code out}'s messages from index {@code from}: holds each
     * request head to the rules, marking a refused one failed, and goes on past the end of a head or message the
     * decoder has now read.
     */
    void decoded(int consumed, List<Object> out, int from) {
        scanned = Math.max(0, scanned - consumed);
        for (int i = from; i < out.size(); i++) {
            Object msg = out.get(i);
            if (msg instanceof HttpRequest request) {
                requestSeen = true;
                check(request);
            } else if (msg instanceof LastHttpContent last && trailerFolded && !refused) {
                // A folded line in the trailer section: the message is refused as a whole.
                refused = true;
                last.release();
                LastHttpContent failed = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
                failed.setDecoderResult(DecoderResult.failure(new Refusal("a trailer line starts with whitespace"
                        + " (obs-fold), which this server refuses (RFC 9112, 5.2)")));
                out.set(i, failed);
            }
        }
        if (refused) {
            // The decoder refused a head, maybe before its end, or this server did: nothing after it is read.
            state = State.DISCARD;
            stop = Stop.NONE;
        } else if (stop != Stop.NONE && scanned == 0) {
            Stop reached = stop;
            stop = Stop.NONE;
            if (reached == Stop.HEAD) {
                headEnded();
            } else {
                state = State.START;
                trailerFolded = false;
            }
        }
    }

    /**
     * The decoder dropped the rest of the request (a 417 to {@code Expect}): what follows is scanned afresh as the
     * start of the next request, which is how the decoder reads it.
     */
    void requestDropped() {
        if (state != State.DISCARD && state != State.PASS) {
            state = State.START;
            stop = Stop.NONE;
            scanned = 0;
            folded = false;
            trailerFolded = false;
            requestSeen = false;
        }
    }

    private void check(HttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            // The decoder refused it, and discards what follows itself.
            refused = true;
            return;
        }
        String problem = HeadRules.problem(request, folded);
        if (problem != null) {
            refused = true;
            request.setDecoderResult(DecoderResult.failure(new Refusal(problem)));
        } else {
            chunked = HttpUtil.isTransferEncodingChunked(request);
            remaining = chunked ? 0 : HttpUtil.getContentLength(request, 0L);
        }
    }

    /** Scans {@code in} from {@code at} to its end or to the end of a head or message; returns where it stopped. */
    private int scan(ByteBuf in, int at) {
        int end = in.writerIndex();
        while (at < end && stop == Stop.NONE && state != State.DISCARD && state != State.PASS) {
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
                        stop = trailer ? Stop.MESSAGE : Stop.HEAD;
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
                        at++;
                        stop = trailer ? Stop.MESSAGE : Stop.HEAD;
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
                        // The message ends here: the decoder reads its end before the next head is scanned.
                        stop = Stop.MESSAGE;
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
        return at;
    }

    /** Why a request was refused, as the router tells the client; cheap, as it carries no stack trace. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refusal(String reason) {
            super(reason, null, false, false);
        }
    }
}
