package org.fargatedsp.bidder.openrtb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueCacheTest {
    private final BidRequestDecoder decoder = new BidRequestDecoder(100, 65536);

    @Test
    void sharesOneStringForAValueSeenBefore() {
        BidRequest first = decode("{\"id\":\"a\",\"cur\":[\"USD\"],\"bcat\":[\"IAB25\",\"IAB7-39\"],\"imp\":[{\"id\":\"1\"}]}");
        BidRequest second = decode("{\"id\":\"b\",\"cur\":[\"USD\"],\"bcat\":[\"IAB25\",\"IAB7-39\"],\"imp\":[{\"id\":\"1\"}]}");

        assertThat(second.cur().get(0)).isSameAs(first.cur().get(0));
        assertThat(second.bcat().get(1)).isSameAs(first.bcat().get(1));
        assertThat(second.imp().get(0).id()).isSameAs(first.imp().get(0).id());
    }

    @Test
    void neverSharesTheRequestId() {
        BidRequest first = decode("{\"id\":\"same\",\"imp\":[{\"id\":\"1\"}]}");
        BidRequest second = decode("{\"id\":\"same\",\"imp\":[{\"id\":\"1\"}]}");

        assertThat(second.id()).isEqualTo(first.id()).isNotSameAs(first.id());
    }

    @Test
    void keepsEveryValueExactWhateverCollides() {
        StringBuilder bcat = new StringBuilder();
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String value = "IAB" + i + "-\u00e9" + (i * 7919);
            expected.add(value);
            bcat.append(i == 0 ? "" : ",").append('"').append(value).append('"');
        }
        String json = "{\"id\":\"r\",\"bcat\":[" + bcat + "],\"imp\":[{\"id\":\"1\"}]}";

        assertThat(decode(json).bcat()).isEqualTo(expected);
        assertThat(decode(json).bcat()).isEqualTo(expected);
    }

    private BidRequest decode(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(bytes, 0, bytes.length);
    }
}
