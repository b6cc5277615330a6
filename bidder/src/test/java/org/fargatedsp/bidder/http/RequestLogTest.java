package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import org.fargatedsp.bidder.BidderAssembly;
import org.fargatedsp.bidder.Config;
import org.fargatedsp.bidder.auction.AuctionResult;
import org.fargatedsp.bidder.auction.BidIds;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.auction.NoBidReason;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.CampaignSnapshot;
import org.fargatedsp.bidder.campaign.FileCampaignSource;
import org.fargatedsp.bidder.notice.Notice;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The sampled logs of refused and failed requests, as the router writes them: each carries its request's id. */
class RequestLogTest {
    private static final Catalog CATALOG = Catalog.of(new CampaignSnapshot(new FileCampaignSource(null, 0, null).load(),
            new BudgetLedger(), System.currentTimeMillis(), "test"));

    private final Logger requests = (Logger) LoggerFactory.getLogger("org.fargatedsp.bidder.requests");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final TrackingAllocator allocator = new TrackingAllocator();

    @BeforeEach
    void capture() {
        appender.start();
        requests.addAppender(appender);
    }

    @AfterEach
    void release() {
        requests.detachAppender(appender);
        assertThat(allocator.unreleased()).as("buffers never released").isEmpty();
    }

    @Test
    void logsARefusedRequestWithTheIdItCarried() {
        String status = exchange(new RequestStats(), "{\"id\":\"refused-1\",\"imp\":[]}");

        assertThat(status).startsWith("HTTP/1.1 400 ");
        assertThat(appender.list).singleElement().satisfies(line -> {
            assertThat(line.getFormattedMessage())
                    .isEqualTo("bad request (missing_field): /imp (at least one impression) is required");
            assertThat(json(line)).contains("\"request_id\":\"refused-1\"", "\"kind\":\"bad_request\"");
        });
    }

    @Test
    void leavesTheIdOutOfARefusalFoundBeforeTheIdWasRead() {
        String status = exchange(new RequestStats(), "{\"ext\":" + "[".repeat(100) + "]".repeat(100)
                + ",\"id\":\"late-1\",\"imp\":[{\"id\":\"1\"}]}");

        assertThat(status).startsWith("HTTP/1.1 400 ");
        assertThat(appender.list).singleElement()
                .satisfies(line -> assertThat(json(line)).doesNotContain("request_id"));
    }

    @Test
    void logsWhatWasRepairedInARequestWithItsIdAndStillAnswersIt() {
        String status = exchange(new RequestStats(), """
                {"id":"repaired-1","imp":[{"id":"1","bidfloor":"0.03","banner":{"w":"300","h":250}},{"id":"1"}],
                 "bcat":"IAB26"}""");

        assertThat(status).startsWith("HTTP/1.1 200 ");
        assertThat(appender.list).singleElement().satisfies(line -> {
            assertThat(line.getFormattedMessage()).isEqualTo("repaired bid request: imp[0].bidfloor coerced, "
                    + "imp[0].banner.w coerced, imp[1].id duplicate, bcat coerced");
            assertThat(json(line)).contains("\"request_id\":\"repaired-1\"", "\"kind\":\"repaired_request\"",
                    "\"level\":\"INFO\"");
        });
    }

    @Test
    void logsNothingForARequestWithoutRepairs() {
        String status = exchange(new RequestStats(), """
                {"id":"clean-1","imp":[{"id":"1","bidfloor":0.03,"banner":{"w":300,"h":250}}]}""");

        assertThat(status).startsWith("HTTP/1.1 200 ");
        assertThat(appender.list).isEmpty();
    }

    @Test
    void logsAFailureInsideTheBidEndpointWithTheRequestIdAndTheCause() {
        IllegalStateException bug = new IllegalStateException("an observer's bug");
        RequestObserver failing = new RequestObserver() {
            @Override
            public void bid(BidRequest request, AuctionResult result, Catalog catalog, long firstBidSeq,
                    long processingNanos, String exchange) {
                throw bug;
            }

            @Override
            public void noBid(BidRequest request, NoBidReason reason, long processingNanos, String exchange) {
                throw bug;
            }

            @Override
            public void badRequest(BadRequestException.Kind kind) {}

            @Override
            public void response(int status) {}

            @Override
            public void notice(Notice notice, boolean duplicate, long spendMicros) {}
        };

        String status = exchange(failing, "{\"id\":\"failing-1\",\"imp\":[{\"id\":\"1\"}]}");

        assertThat(status).startsWith("HTTP/1.1 500 ");
        assertThat(appender.list).singleElement().satisfies(line -> {
            assertThat(line.getFormattedMessage()).isEqualTo("request failed");
            assertThat(line.getThrowableProxy().getMessage()).isEqualTo("an observer's bug");
            assertThat(json(line)).contains("\"request_id\":\"failing-1\"", "\"kind\":\"internal_error\"");
        });
    }

    /** Sends one bid request through the whole pipeline, with {@code observer} told of outcomes; the status line. */
    private String exchange(RequestObserver observer, String body) {
        ServerState state = new ServerState();
        state.moveTo(ServerState.Phase.READY);
        Endpoints endpoints = new BidderAssembly(Config.fromEnv(Map.of()), () -> CATALOG, state,
                System::currentTimeMillis).serving(
                        new BidderAssembly.Outcomes(new BidIds(), new BudgetLedger(), new RequestStats(), observer),
                        List.of());
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(allocator);
        channel.pipeline().addLast(new BidderChannelInitializer(endpoints,
                new DefaultChannelGroup(GlobalEventExecutor.INSTANCE), Config.fromEnv(Map.of()).connections(),
                new ConnectionStats(), () -> false));
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(RawHttp.post("/openrtb2/bid",
                    body.getBytes(StandardCharsets.UTF_8))));
            ByteBuf out = channel.readOutbound();
            try {
                String response = out.toString(StandardCharsets.ISO_8859_1);
                return response.substring(0, response.indexOf('\r'));
            } finally {
                out.release();
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private String json(ILoggingEvent event) {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(requests.getLoggerContext());
        encoder.start();
        try {
            return new String(encoder.encode(event), StandardCharsets.UTF_8);
        } finally {
            encoder.stop();
        }
    }
}
