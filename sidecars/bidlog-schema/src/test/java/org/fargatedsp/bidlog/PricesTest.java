package org.fargatedsp.bidlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PricesTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0.0",
        "1, 0.000001",
        "10, 0.00001",
        "1250000, 1.25",
        "10000000, 10.0",
        "123456789, 123.456789",
        "100000, 0.1",
        "9223372036854775807, 9223372036854.775807"
    })
    void formatsMicrosAsShortestDecimalCpm(long micros, String expected) {
        assertThat(Prices.format(micros)).isEqualTo(expected);
        assertThat(Prices.toMicros(new BigDecimal(expected))).isEqualTo(micros);
    }

    @ParameterizedTest
    @CsvSource({"2, 2000000", "2.5e0, 2500000", "0.0000010, 1", "1E+1, 10000000"})
    void readsAnyExactDecimalNotation(String price, long micros) {
        assertThat(Prices.toMicros(new BigDecimal(price))).isEqualTo(micros);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0000001", "-1", "1e20"})
    void rejectsPricesItWouldHaveToRoundOrCannotHold(String price) {
        assertThatThrownBy(() -> Prices.toMicros(new BigDecimal(price)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("price");
    }
}
