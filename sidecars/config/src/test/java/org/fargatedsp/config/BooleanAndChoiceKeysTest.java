package org.fargatedsp.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BooleanAndChoiceKeysTest {
    enum Transport { AUTO, EPOLL, NIO }

    enum Source { DATADOG, CLOUD_WATCH }

    enum Only { ONE }

    private static final Key<Boolean> ENABLED = Key.bool("ENABLED");
    private static final Key<Transport> TRANSPORT = Key.choice("TRANSPORT", Transport.class);
    private static final Key<Source> SOURCE = Key.choice("SOURCE", Source.class);
    private static final Key<Only> ONLY = Key.choice("ONLY", Only.class);

    @ParameterizedTest
    @CsvSource({
        "true, true", "TRUE, true", "True, true", "yes, true", "YES, true", "on, true", "On, true", "1, true",
        "false, false", "FALSE, false", "no, false", "No, false", "off, false", "OFF, false", "0, false"})
    void readsEveryBooleanSpellingInAnyCase(String value, boolean expected) {
        assertThat(Read.value(ENABLED, value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"maybe", "2", "y", "n", "enabled", "t", "-1", "truee"})
    void refusesAnythingElseAsABoolean(String value) {
        assertThat(Read.problem(ENABLED, value)).isEqualTo("ENABLED=" + value + ": must be true or false");
    }

    @ParameterizedTest
    @CsvSource({"nio, NIO", "NIO, NIO", "Nio, NIO", "epoll, EPOLL", "auto, AUTO"})
    void readsAChoiceInAnyCase(String value, Transport expected) {
        assertThat(Read.value(TRANSPORT, value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"cloud_watch", "cloud-watch", "CLOUD-WATCH", "Cloud_Watch"})
    void readsAChoiceWithDashesAndUnderscoresAlike(String value) {
        assertThat(Read.value(SOURCE, value)).isEqualTo(Source.CLOUD_WATCH);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "TRANSPORT | kqueue      | TRANSPORT=kqueue: must be auto, epoll or nio",
        "TRANSPORT | ni o        | TRANSPORT=ni o: must be auto, epoll or nio",
        "SOURCE    | cloudwatch  | SOURCE=cloudwatch: must be datadog or cloud_watch",
        "ONLY      | two         | ONLY=two: must be one"})
    void refusesAnUnknownChoiceListingTheChoices(String name, String value, String problem) {
        Key<?> key = switch (name) {
            case "TRANSPORT" -> TRANSPORT;
            case "SOURCE" -> SOURCE;
            default -> ONLY;
        };
        assertThat(Read.problem(key, value)).isEqualTo(problem);
    }

    @ParameterizedTest
    @CsvSource({"AUTO, auto", "CLOUD_WATCH, cloud_watch"})
    void writesAChoiceInLowerCase(String constant, String written) {
        Key<?> key = constant.equals("AUTO") ? TRANSPORT.byDefault(Transport.AUTO)
                : SOURCE.byDefault(Source.CLOUD_WATCH);
        assertThat(key.defaultText()).isEqualTo(written);
    }
}
