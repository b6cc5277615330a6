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

    /** Moving 1e999999999 six places right once built its billion-digit BigInteger, or threw ArithmeticException. */
    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "1e99999999", "1e-999999999", "9223372036855", "1e2147483647", "-1e999999999"})
    void rejectsAPriceWithAHugeExponentWithoutExpandingIt(String price) {
        assertThatThrownBy(() -> Prices.toMicros(new BigDecimal(price)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("price").hasMessageMatching(".{0,80}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0e999999999", "0e-999999999", "-0.0"})
    void readsZeroWithAnyExponent(String price) {
        assertThat(Prices.toMicros(new BigDecimal(price))).isZero();
    }
}
