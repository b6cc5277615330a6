package org.fargatedsp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberKeysTest {
    private static final Key<Integer> PORT = Key.integer("PORT", 0, 65_535);
    private static final Key<Integer> LEVEL = Key.integer("LEVEL", Integer.MIN_VALUE, 9);
    private static final Key<Long> REQUESTS = Key.longInteger("REQUESTS", 1, Long.MAX_VALUE);
    private static final Key<Long> SEED = Key.longInteger("SEED", Long.MIN_VALUE, Long.MAX_VALUE);
    private static final Key<Long> MAX_FILE_BYTES = Key.bytes("MAX_FILE_BYTES", 4096, 1L << 40);
    private static final Key<Duration> IDLE_TIMEOUT_MS =
            Key.duration("IDLE_TIMEOUT_MS", Duration.ofMillis(100), Duration.ofHours(1));
    private static final Key<Duration> WARMUP_S = Key.duration("WARMUP_S", Duration.ZERO, Duration.ofDays(1));
    private static final Key<Double> RATE = Key.decimal("RATE", 0, 1);
    private static final Key<Double> PER_SECOND = Key.positiveDecimal("PER_SECOND");
    private static final Key<Double> MIN_RATIO = Key.decimal("MIN_RATIO", 0, Double.MAX_VALUE);
    private static final Key<Double> OFFSET = Key.decimal("OFFSET", -Double.MAX_VALUE, 10);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "8080          | 8080",
        "0             | 0",
        "65535         | 65535",
        "65_535        | 65535",
        "1__000        | 1000",
        "+443          | 443",
        "'  80  '      | 80",
        "007           | 7"})
    void readsWholeNumbersWithUnderscoresBetweenDigits(String value, int expected) {
        assertThat(Read.value(PORT, value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PORT     | abc                  | PORT=abc: not a whole number",
        "PORT     | 1.5                  | PORT=1.5: not a whole number",
        "PORT     | 8080s                | PORT=8080s: not a whole number",
        "PORT     | _80                  | PORT=_80: not a whole number",
        "PORT     | 80_                  | PORT=80_: not a whole number",
        "PORT     | 8 0                  | PORT=8 0: not a whole number",
        "PORT     | 70000                | PORT=70000: must be between 0 and 65535",
        "PORT     | -1                   | PORT=-1: must be between 0 and 65535",
        "PORT     | 99999999999999999999 | PORT=99999999999999999999: must be between 0 and 65535",
        "LEVEL    | 10                   | LEVEL=10: must be at most 9",
        "REQUESTS | 0                    | REQUESTS=0: must be at least 1",
        "SEED     | 99999999999999999999 | SEED=99999999999999999999: must be between -9223372036854775808 and 9223372036854775807"})
    void refusesWholeNumbersOutsideTheirRangeNamingIt(String name, String value, String problem) {
        Key<?> key = switch (name) {
            case "PORT" -> PORT;
            case "LEVEL" -> LEVEL;
            case "REQUESTS" -> REQUESTS;
            default -> SEED;
        };
        assertThat(Read.problem(key, value)).isEqualTo(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "67108864    | 67108864",
        "67_108_864  | 67108864",
        "4096        | 4096",
        "1099511627776 | 1099511627776"})
    void readsByteCountsAsPlainNumbers(String value, long expected) {
        assertThat(Read.value(MAX_FILE_BYTES, value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "64MiB | MAX_FILE_BYTES=64MiB: not a whole number",
        "64M   | MAX_FILE_BYTES=64M: not a whole number",
        "100   | MAX_FILE_BYTES=100: must be between 4096 and 1099511627776"})
    void refusesSuffixesOnByteCountsBecauseTheUnitIsInTheName(String value, String problem) {
        assertThat(Read.problem(MAX_FILE_BYTES, value)).isEqualTo(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "IDLE_TIMEOUT_MS | 75000   | PT1M15S",
        "IDLE_TIMEOUT_MS | 75_000  | PT1M15S",
        "IDLE_TIMEOUT_MS | 100     | PT0.1S",
        "WARMUP_S        | 0       | PT0S",
        "WARMUP_S        | 90      | PT1M30S",
        "WARMUP_S        | 86400   | PT24H"})
    void readsDurationsInTheUnitTheirNameEndsIn(String name, String value, Duration expected) {
        assertThat(Read.value(name.equals("WARMUP_S") ? WARMUP_S : IDLE_TIMEOUT_MS, value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "IDLE_TIMEOUT_MS | 75s     | IDLE_TIMEOUT_MS=75s: not a whole number",
        "IDLE_TIMEOUT_MS | 1.5     | IDLE_TIMEOUT_MS=1.5: not a whole number",
        "IDLE_TIMEOUT_MS | 50      | IDLE_TIMEOUT_MS=50: must be between 100 and 3600000",
        "WARMUP_S        | -1      | WARMUP_S=-1: must be between 0 and 86400",
        "WARMUP_S        | PT5S    | WARMUP_S=PT5S: not a whole number"})
    void refusesDurationsOutsideTheirRangeInTheirOwnUnit(String name, String value, String problem) {
        assertThat(Read.problem(name.equals("WARMUP_S") ? WARMUP_S : IDLE_TIMEOUT_MS, value)).isEqualTo(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.05   | 0.05",
        "0      | 0",
        "1      | 1",
        "1.0    | 1",
        ".5     | 0.5",
        "5e-3   | 0.005",
        "0.000_5 | 0.0005"})
    void readsDecimalsWithinTheirRange(String value, double expected) {
        assertThat(Read.value(RATE, value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "RATE       | 2        | RATE=2: must be between 0 and 1",
        "RATE       | -0.1     | RATE=-0.1: must be between 0 and 1",
        "RATE       | five     | RATE=five: not a number",
        "RATE       | NaN      | RATE=NaN: not a number",
        "RATE       | Infinity | RATE=Infinity: not a number",
        "RATE       | 0x1p-2   | RATE=0x1p-2: not a number",
        "RATE       | 0.5d     | RATE=0.5d: not a number",
        "RATE       | 1,5      | RATE=1,5: not a number",
        "PER_SECOND | 0        | PER_SECOND=0: must be above 0",
        "PER_SECOND | -2.5     | PER_SECOND=-2.5: must be above 0",
        "PER_SECOND | 1e400    | PER_SECOND=1e400: too large"})
    void refusesDecimalsThatAreNotPlainNumbersInRange(String name, String value, String problem) {
        assertThat(Read.problem(name.equals("RATE") ? RATE : PER_SECOND, value)).isEqualTo(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "MIN_RATIO | -0.5 | MIN_RATIO=-0.5: must be at least 0",
        "OFFSET    | 11   | OFFSET=11: must be at most 10"})
    void namesOnlyTheBoundOfADecimalOpenOnTheOtherSide(String name, String value, String problem) {
        assertThat(Read.problem(name.equals("OFFSET") ? OFFSET : MIN_RATIO, value)).isEqualTo(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"MIN_RATIO | 1e300 | 1e300", "OFFSET | -1e300 | -1e300"})
    void readsDecimalsFarOutOnTheirOpenSide(String name, String value, double expected) {
        assertThat(Read.value(name.equals("OFFSET") ? OFFSET : MIN_RATIO, value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2.5 | 2.5", "1_000 | 1000", "0.001 | 0.001"})
    void readsPositiveDecimals(String value, double expected) {
        assertThat(Read.value(PER_SECOND, value)).isEqualTo(expected);
    }
}
