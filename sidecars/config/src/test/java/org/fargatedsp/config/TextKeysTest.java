package org.fargatedsp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextKeysTest {
    private static final Key<List<String>> SUBNETS = Key.list("SUBNETS");
    private static final Key<URI> NOTICE_URL = Key.uri("NOTICE_URL");
    private static final Key<URI> INTAKE_URL = Key.baseUri("INTAKE_URL");
    private static final Key<String> CURRENCY =
            Key.string("CURRENCY", "[A-Z]{3}", "must be an ISO-4217 code such as USD");
    private static final Key<Path> DIR = Key.path("DIR");
    private static final Key<Path> CAMPAIGNS_FILE = Key.readableFile("CAMPAIGNS_FILE");
    private static final Key<Locale> LOCALE = Key.of("LOCALE", TextKeysTest::locale, Locale::toLanguageTag);

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a,b              | a b",
        "' a , b '        | a b",
        "a,,b,            | a b",
        "subnet-1         | subnet-1",
        "','              | ''",
        "'a b, c'         | a_b c"})
    void readsListsCommaSeparatedAndTrimmed(String value, String expected) {
        List<String> items = expected.isEmpty() ? List.of()
                : Arrays.stream(expected.split(" ")).map(s -> s.replace('_', ' ')).toList();
        assertThat(Read.value(SUBNETS, value)).isEqualTo(items);
    }

    @Test
    void readsAnUnsetListAsEmpty() {
        assertThat(new ConfigReader(java.util.Map.of()).get(SUBNETS)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "http://localhost:8080",
        "https://bid.example.com",
        "HTTPS://bid.example.com/notice?x=1#y",
        "http://127.0.0.1:9000/",
        "http://[::1]:8080/path"})
    void readsAbsoluteHttpUrls(String value) {
        assertThat(Read.value(NOTICE_URL, value)).hasToString(value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "NOTICE_URL | bid.example.com       | NOTICE_URL=bid.example.com: must be an absolute http or https URL",
        "NOTICE_URL | /notice               | NOTICE_URL=/notice: must be an absolute http or https URL",
        "NOTICE_URL | ftp://files.example   | NOTICE_URL=ftp://files.example: must be an absolute http or https URL",
        "NOTICE_URL | http:opaque           | NOTICE_URL=http:opaque: must be an absolute http or https URL",
        "NOTICE_URL | http://bad host       | NOTICE_URL=http://bad host: not a URL (Illegal character in authority)",
        "INTAKE_URL | http://h/?api_key=x   | INTAKE_URL=http://h/?api_key=x: must be an absolute http or https URL without a query or fragment",
        "INTAKE_URL | http://h/#top         | INTAKE_URL=http://h/#top: must be an absolute http or https URL without a query or fragment",
        "INTAKE_URL | intake                | INTAKE_URL=intake: must be an absolute http or https URL"})
    void refusesWhatIsNotAnAbsoluteHttpUrl(String name, String value, String problem) {
        assertThat(Read.problem(name.equals("NOTICE_URL") ? NOTICE_URL : INTAKE_URL, value)).isEqualTo(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "USD     | ",
        "EUR     | ",
        "usd     | CURRENCY=usd: must be an ISO-4217 code such as USD",
        "dollars | CURRENCY=dollars: must be an ISO-4217 code such as USD",
        "USDX    | CURRENCY=USDX: must be an ISO-4217 code such as USD"})
    void checksStringsAgainstTheirPatternAsAWhole(String value, String problem) {
        if (problem == null) {
            assertThat(Read.value(CURRENCY, value)).isEqualTo(value);
        } else {
            assertThat(Read.problem(CURRENCY, value)).isEqualTo(problem);
        }
    }

    @Test
    void readsPathsThatNeedNotExist() {
        assertThat(Read.value(DIR, "./logs/bids")).isEqualTo(Path.of("./logs/bids"));
        assertThat(Read.problem(DIR, "a\u0000b")).isEqualTo("DIR=a\u0000b: not a valid path (Nul character not allowed)");
    }

    @Test
    void readsAReadableFileOnlyWhenItIsThere() throws IOException {
        Path file = Files.writeString(dir.resolve("campaigns.json"), "{}");

        assertThat(Read.value(CAMPAIGNS_FILE, file.toString())).isEqualTo(file);
        assertThat(Read.problem(CAMPAIGNS_FILE, dir.resolve("none.json").toString()))
                .isEqualTo("CAMPAIGNS_FILE=" + dir.resolve("none.json") + ": no readable file there");
        assertThat(Read.problem(CAMPAIGNS_FILE, dir.toString()))
                .isEqualTo("CAMPAIGNS_FILE=" + dir + ": no readable file there");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"en-GB | ", "de | ", "!! | LOCALE=!!: not a language tag"})
    void readsCustomTypesWithTheirOwnReasons(String value, String problem) {
        if (problem == null) {
            assertThat(Read.value(LOCALE, value).toLanguageTag()).isEqualTo(value);
        } else {
            assertThat(Read.problem(LOCALE, value)).isEqualTo(problem);
        }
    }

    private static Locale locale(String tag) {
        Locale locale = Locale.forLanguageTag(tag);
        if (locale.getLanguage().isEmpty()) {
            throw new IllegalArgumentException("not a language tag");
        }
        return locale;
    }
}
