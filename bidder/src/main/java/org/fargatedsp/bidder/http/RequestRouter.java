package org.fargatedsp.bidder.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.AsciiString;
import java.io.IOException;
import org.fargatedsp.bidder.notice.Notice;
import org.fargatedsp.bidder.notice.NoticeRejectedException;
import org.fargatedsp.bidder.openrtb.BadRequestException;

/**
 * Routes each request to its endpoint and maps failures to status codes, in this one place: bad input is a 4xx
 * with a short reason (a notice the bidder did not sign, or whose price it cannot take, a 403), and only a bug in
 * the bidder is a 500. Writes in {@code channelRead} and flushes once in
 * {@code channelReadComplete}, so pipelined requests that arrive together go out in one write (and at most
 * {@value #MAX_UNFLUSHED} responses wait for it). After each flush it tells the observers that the responses are
 * written, which ends each request's processing time.
 *
 * <p>A response closes its connection ({@code Connection: close}, and nothing more is decoded) when the request
 * could not be parsed, when it is the last one read before a shutdown closes the connection
 * ({@link TimeoutHandler#answeringLastRequest()}), and on a connection let in over a cap, which answers
 * {@code /health} and nothing else.
 */
final class RequestRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final String BID_PATH = "/openrtb2/bid";
    /** The bid check sits under the bid path, where an SSP's integration engineer looks for it. */
    private static final String CHECK_SUFFIX = "/check";
    static final int MAX_UNFLUSHED = 256;
    private static final AsciiString RETRY_AFTER_S = AsciiString.cached("1");

    private final Endpoints endpoints;
    private final ArrivalClock arrivals;
    private final TimeoutHandler timeouts;
    private final FlowControl flow;
    private final boolean healthOnly;
    private int unflushed;
    private String lastBidUri;
    private String lastExchange;

    RequestRouter(Endpoints endpoints, ArrivalClock arrivals, TimeoutHandler timeouts, FlowControl flow,
            boolean healthOnly) {
        this.endpoints = endpoints;
        this.arrivals = arrivals;
        this.timeouts = timeouts;
        this.flow = flow;
        this.healthOnly = healthOnly;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse response = healthOnly ? respondOverCap(ctx, request)
                : respond(ctx, request, arrivals.requestStartNanos());
        if (healthOnly || !request.decoderResult().isSuccess() || timeouts.answeringLastRequest()) {
            HttpUtil.setKeepAlive(response, false);
            flow.finish();
        }
        endpoints.observer().response(response.status().code());
        // Nobody waits on this write's outcome: a failed write fails the connection, which exceptionCaught closes.
        ctx.write(response, ctx.voidPromise());
        if (++unflushed == MAX_UNFLUSHED) {
            flush(ctx);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (unflushed > 0) {
            flush(ctx);
        }
        ctx.fireChannelReadComplete();
    }

    private void flush(ChannelHandlerContext ctx) {
        unflushed = 0;
        ctx.flush();
        endpoints.observer().written(endpoints.clockNanos().getAsLong());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (unflushed > 0) {
            // These responses will never be written; their requests are still reported, ending now.
            unflushed = 0;
            endpoints.observer().written(endpoints.clockNanos().getAsLong());
        }
        super.channelInactive(ctx);
    }

    private FullHttpResponse respond(ChannelHandlerContext ctx, FullHttpRequest request, long startNanos) {
        if (!request.decoderResult().isSuccess()) {
            return badRequest(ctx, new BadRequestException(BadRequestException.Kind.BAD_HTTP,
                    "malformed HTTP request: " + request.decoderResult().cause().getMessage()));
        }
        String uri = request.uri();
        HttpMethod method = request.method();
        try {
            if (isBidPath(uri)) {
                if (isCheckPath(uri)) {
                    return check(ctx, request);
                }
                if (method != HttpMethod.POST) {
                    return notAllowed(ctx, "POST");
                }
                return endpoints.bid().handle(ctx.alloc(), request, startNanos, exchange(uri));
            }
            if (isPath(uri, "/health")) {
                return method == HttpMethod.GET || method == HttpMethod.HEAD
                        ? endpoints.health().handle(ctx.alloc()) : notAllowed(ctx, "GET, HEAD");
            }
            Notice.Type notice = noticeType(uri);
            if (notice != null) {
                if (method != HttpMethod.GET && method != HttpMethod.POST) {
                    return notAllowed(ctx, "GET, POST");
                }
                try {
                    endpoints.notice().handle(notice, uri, endpoints.clockMs().getAsLong());
                } catch (BadRequestException e) {
                    throw new BadRequestException(BadRequestException.Kind.BAD_NOTICE, e.getMessage());
                } catch (NoticeRejectedException e) {
                    return rejected(ctx, e);
                }
                return HttpResponses.empty(HttpResponseStatus.NO_CONTENT);
            }
            endpoints.observer().badRequest(BadRequestException.Kind.NOT_FOUND);
            return HttpResponses.text(ctx.alloc(), HttpResponseStatus.NOT_FOUND, "no such path: " + path(uri));
        } catch (BadRequestException e) {
            return badRequest(ctx, e);
        } catch (BidFailure e) {
            return internalError(ctx, e.requestId(), e.getCause());
        } catch (RuntimeException e) {
            return internalError(ctx, null, e);
        }
    }

    /** On a connection let in over a cap: {@code /health}, and 503 for anything else. */
    private FullHttpResponse respondOverCap(ChannelHandlerContext ctx, FullHttpRequest request) {
        HttpMethod method = request.method();
        if (request.decoderResult().isSuccess() && isPath(request.uri(), "/health")
                && (method == HttpMethod.GET || method == HttpMethod.HEAD)) {
            return endpoints.health().handle(ctx.alloc());
        }
        FullHttpResponse response = HttpResponses.text(ctx.alloc(), HttpResponseStatus.SERVICE_UNAVAILABLE,
                "too many connections; only /health is answered on this one");
        response.headers().set(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_S);
        return response;
    }

    /**
     * The bid check, when it is on: GET with a body, as the issue asked for it, or POST, as curl and most clients
     * send a body. Off, it is not there at all (404), and {@code check} is never taken for an exchange's name.
     */
    private FullHttpResponse check(ChannelHandlerContext ctx, FullHttpRequest request) {
        BidCheckEndpoint check = endpoints.check();
        if (check == null) {
            endpoints.observer().badRequest(BadRequestException.Kind.NOT_FOUND);
            return HttpResponses.text(ctx.alloc(), HttpResponseStatus.NOT_FOUND,
                    "the bid check is off on this bidder (BID_CHECK_ENABLED=false)");
        }
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.POST) {
            return notAllowed(ctx, "GET, POST");
        }
        return check.handle(ctx.alloc(), request);
    }

    /** A bug, not the client's doing: logged (sampled) with the request's id when known, answered without details. */
    private FullHttpResponse internalError(ChannelHandlerContext ctx, String requestId, Throwable bug) {
        endpoints.logs().failures().error(requestId, "request failed", bug);
        return HttpResponses.text(ctx.alloc(), HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
    }

    private FullHttpResponse badRequest(ChannelHandlerContext ctx, BadRequestException e) {
        endpoints.observer().badRequest(e.kind());
        // The line is formatted only when the sampler lets it through: a flood of bad requests costs no strings.
        endpoints.logs().badRequests().warn(e.requestId(), "bad request ({}): {}", e.kind().tag(), e.getMessage());
        return HttpResponses.text(ctx.alloc(), status(e.kind()), e.getMessage());
    }

    /** A notice that reads but cannot be trusted: counted by its endpoint, logged at the sampled rate, 403. */
    private FullHttpResponse rejected(ChannelHandlerContext ctx, NoticeRejectedException e) {
        endpoints.logs().badRequests().warn(null, "notice rejected ({}): {}", e.reason().tag(), e.getMessage());
        return HttpResponses.text(ctx.alloc(), HttpResponseStatus.FORBIDDEN, e.getMessage());
    }

    /** The status a refusal of {@code kind} is answered with. */
    static HttpResponseStatus status(BadRequestException.Kind kind) {
        return switch (kind) {
            case BODY_TOO_LARGE -> HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
            case UNSUPPORTED_ENCODING -> HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE;
            case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
            default -> HttpResponseStatus.BAD_REQUEST;
        };
    }

    private FullHttpResponse notAllowed(ChannelHandlerContext ctx, String allow) {
        endpoints.observer().badRequest(BadRequestException.Kind.METHOD_NOT_ALLOWED);
        FullHttpResponse response = HttpResponses.text(ctx.alloc(), HttpResponseStatus.METHOD_NOT_ALLOWED,
                "method not allowed; use " + allow);
        response.headers().set(HttpHeaderNames.ALLOW, allow);
        return response;
    }

    /** {@code uri} is {@code path}, optionally followed by a query. */
    private static boolean isPath(String uri, String path) {
        return uri.startsWith(path) && (uri.length() == path.length() || uri.charAt(path.length()) == '?');
    }

    /** {@code uri}, a bid path, is the check's: {@code /openrtb2/bid/check}, optionally followed by a query. */
    private static boolean isCheckPath(String uri) {
        int end = BID_PATH.length() + CHECK_SUFFIX.length();
        // The plain bid path is decided by its length alone.
        return uri.length() >= end && uri.startsWith(CHECK_SUFFIX, BID_PATH.length())
                && (uri.length() == end || uri.charAt(end) == '?');
    }

    /** {@code uri} is the bid path, optionally followed by {@code /<exchange>} or a query. */
    private static boolean isBidPath(String uri) {
        if (!uri.startsWith(BID_PATH)) {
            return false;
        }
        if (uri.length() == BID_PATH.length()) {
            return true;
        }
        char next = uri.charAt(BID_PATH.length());
        return next == '?' || next == '/';
    }

    private static Notice.Type noticeType(String uri) {
        if (!uri.startsWith("/notice/")) {
            return null;
        }
        for (Notice.Type type : Notice.Type.values()) {
            if (uri.startsWith(type.tag(), 8) && (uri.length() == 8 + type.tag().length()
                    || uri.charAt(8 + type.tag().length()) == '?')) {
                return type;
            }
        }
        return null;
    }

    /**
     * The exchange named by {@code /openrtb2/bid/<exchange>}, or null. A connection comes from one exchange, so
     * the last answer is kept and the common case allocates nothing.
     */
    private String exchange(String uri) {
        if (uri.length() <= BID_PATH.length() + 1 || uri.charAt(BID_PATH.length()) != '/') {
            return null;
        }
        if (uri.equals(lastBidUri)) {
            return lastExchange;
        }
        int end = uri.indexOf('?');
        String name = uri.substring(BID_PATH.length() + 1, end < 0 ? uri.length() : end);
        // A name of dots alone is a dot-segment (RFC 3986, 5.2.4), which proxies resolve to another path.
        if (name.isEmpty() || name.length() > 64 || !name.chars().allMatch(RequestRouter::exchangeChar)
                || name.chars().noneMatch(c -> c != '.' && c != '_' && c != '-')) {
            throw new BadRequestException(BadRequestException.Kind.BAD_HTTP, "exchange names in the path are"
                    + " letters, digits, '.', '_' and '-', at least one letter or digit, at most 64 characters");
        }
        lastBidUri = uri;
        lastExchange = name;
        return name;
    }

    private static boolean exchangeChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                || c == '-';
    }

    private static String path(String uri) {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        return path.length() > 100 ? path.substring(0, 100) : path;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException || cause instanceof PrematureChannelClosureException)) {
            // A connection reset, or a client closing half-way through sending a request, is routine; anything
            // else reaching here is a bug in a handler.
            endpoints.logs().failures().error(null, "unexpected error on a connection; closing it", cause);
        }
        ctx.close();
    }
}
