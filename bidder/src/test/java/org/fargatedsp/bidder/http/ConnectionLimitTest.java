package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fargatedsp.bidder.OpenRtbExamples;
import org.fargatedsp.bidder.RunningBidder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The connection caps over real sockets, with sources of their own on loopback (127.0.0.2, 127.0.0.3, ...): at a
 * cap {@code /health} still answers, bids do not, and what is refused is counted and logged once.
 */
class ConnectionLimitTest {
    private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
    private static final byte[] BANNER = OpenRtbExamples.request("2.6/simple-banner.json");

    private final List<RawHttp> clients = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger limiterLog = (Logger) LoggerFactory.getLogger(ConnectionLimiter.class);
    private RunningBidder server;

    @AfterEach
    void stop() throws IOException {
        limiterLog.detachAppender(logs);
        for (RawHttp client : clients) {
            client.close();
        }
        server.close();
    }

    private ConnectionStats start(Map<String, String> env) {
        logs.start();
        limiterLog.addAppender(logs);
        server = RunningBidder.start(env);
        return server.bidder().server().stats();
    }

    private RawHttp connect(String source) throws IOException {
        RawHttp client = new RawHttp(server.port(), source);
        clients.add(client);
        return client;
    }

    /** Connects from {@code source} and checks that the connection is an ordinary one, kept alive. */
    private RawHttp admitted(String source) throws IOException {
        RawHttp client = connect(source);
        RawHttp.Response response = exchange(client, HEALTH);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("connection")).isNull();
        return client;
    }

    private static RawHttp.Response exchange(RawHttp client, String request) throws IOException {
        client.write(request);
        return client.read();
    }

    @Test
    void answersHealthButNotBidsOverTheTotalCapAndLetsConnectionsInAgainBelowIt() throws IOException {
        ConnectionStats stats = start(Map.of("MAX_CONNECTIONS", "3", "MAX_CONNECTIONS_PER_SOURCE", "3"));
        RawHttp first = admitted("127.0.0.2");
        admitted("127.0.0.3");
        admitted("127.0.0.4");

        RawHttp health = connect("127.0.0.5");
        RawHttp.Response healthAtCap = exchange(health, HEALTH);
        assertThat(healthAtCap.status()).isEqualTo(200);
        assertThat(healthAtCap.text()).contains("\"status\":\"ready\"");
        assertThat(healthAtCap.header("connection")).isEqualTo("close");
        assertThat(health.closedByServer()).isTrue();

        RawHttp bid = connect("127.0.0.5");
        bid.write(RawHttp.post("/openrtb2/bid", BANNER));
        RawHttp.Response bidAtCap = bid.read();
        assertThat(bidAtCap.status()).isEqualTo(503);
        assertThat(bidAtCap.header("retry-after")).isEqualTo("1");
        assertThat(bid.closedByServer()).isTrue();
        assertThat(stats.refused(ConnectionStats.Cap.TOTAL)).isEqualTo(2);
        assertThat(stats.refused(ConnectionStats.Cap.PER_SOURCE)).isZero();

        first.close();
        await("the closed connection is released").atMost(Duration.ofSeconds(30))
                .until(() -> stats.open() == 2);
        admitted("127.0.0.5");
    }

    @Test
    void holdsEachSourceToItsOwnCapWhileOtherSourcesGetIn() throws IOException {
        ConnectionStats stats = start(Map.of("MAX_CONNECTIONS", "100", "MAX_CONNECTIONS_PER_SOURCE", "2"));
        admitted("127.0.0.2");
        admitted("127.0.0.2");

        RawHttp third = connect("127.0.0.2");
        third.write(RawHttp.post("/openrtb2/bid", BANNER));
        assertThat(third.read().status()).isEqualTo(503);

        RawHttp other = connect("127.0.0.3");
        other.write(RawHttp.post("/openrtb2/bid", BANNER));
        RawHttp.Response bid = other.read();
        assertThat(bid.status()).isEqualTo(200);
        assertThat(bid.header("connection")).isNull();
        assertThat(stats.refused(ConnectionStats.Cap.PER_SOURCE)).isEqualTo(1);
    }

    @Test
    void closesAtOnceWhatComesOverTheCapOnceItsSourceHasTakenItsReservedPlacesAndLogsTheEpisodeOnce()
            throws IOException {
        ConnectionStats stats = start(Map.of("MAX_CONNECTIONS_PER_SOURCE", "1",
                "REQUEST_READ_TIMEOUT_MS", "600000"));
        admitted("127.0.0.2");
        for (int i = 0; i < ConnectionLimiter.RESERVE_PER_SOURCE; i++) {
            connect("127.0.0.2");
        }

        RawHttp refused = connect("127.0.0.2");
        assertThat(refused.closedByServer()).as("closed before anything was sent or answered").isTrue();

        assertThat(stats.refused(ConnectionStats.Cap.PER_SOURCE)).isEqualTo(1 + ConnectionLimiter.RESERVE_PER_SOURCE);
        assertThat(logs.list).filteredOn(line -> line.getLevel() == Level.WARN).singleElement()
                .satisfies(line -> assertThat(line.getFormattedMessage()).startsWith("connection cap reached"));
        admitted("127.0.0.3");
    }
}
