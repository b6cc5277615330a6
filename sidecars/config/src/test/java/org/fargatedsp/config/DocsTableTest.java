package org.fargatedsp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsTableTest {
    enum Transport { AUTO, EPOLL, NIO }

    private static final Key<Integer> PORT = Key.integer("PORT", 0, 65_535).byDefault(8080)
            .doc("Port to listen on; `0` picks a free one.");
    private static final Key<Integer> IO_THREADS = Key.integer("IO_THREADS", 0, 1024).byDefault(0)
            .documentedDefault("number of CPUs").doc("Event-loop threads.");
    private static final Key<Transport> TRANSPORT = Key.choice("TRANSPORT", Transport.class)
            .byDefault(Transport.AUTO).doc("`epoll`, `nio`, or `auto`: epoll when available.");
    private static final Key<String> SEAT = Key.string("SEAT").doc("The seat | of campaigns without one.");
    private static final Key<List<String>> SUBNETS = Key.list("SUBNETS").doc("Comma-separated.");
    private static final Key<Duration> DRAIN_MS = Key.duration("DRAIN_MS", Duration.ZERO, Duration.ofMinutes(10))
            .byDefault(Duration.ofSeconds(5)).doc("How long `/health` says `503`.");

    @TempDir
    Path dir;

    @Test
    void printsOneRowPerKeyWithItsDefaultAndMeaning() {
        assertThat(DocsTable.of(List.of(PORT, IO_THREADS, TRANSPORT, SEAT, SUBNETS, DRAIN_MS)).markdown()).isEqualTo("""
                | variable | default | meaning |
                |---|---|---|
                | `PORT` | `8080` | Port to listen on; `0` picks a free one. |
                | `IO_THREADS` | number of CPUs | Event-loop threads. |
                | `TRANSPORT` | `auto` | `epoll`, `nio`, or `auto`: epoll when available. |
                | `SEAT` | none | The seat \\| of campaigns without one. |
                | `SUBNETS` | none | Comma-separated. |
                | `DRAIN_MS` | `5000` | How long `/health` says `503`. |
                """);
    }

    @Test
    void putsExtraColumnsBeforeTheNamesUnderTheirOwnHeader() {
        DocsTable table = DocsTable.of(List.of(PORT, SEAT)).nameHeader("key")
                .columnBefore("flag", key -> key == PORT ? "`--port N`" : "");

        assertThat(table.markdown()).isEqualTo("""
                | flag | key | default | meaning |
                |---|---|---|---|
                | `--port N` | `PORT` | `8080` | Port to listen on; `0` picks a free one. |
                |  | `SEAT` | none | The seat \\| of campaigns without one. |
                """);
    }

    @Test
    void refusesAKeyWithoutADocLine() {
        assertThatThrownBy(() -> DocsTable.of(List.of(Key.string("UNDOCUMENTED"))).markdown())
                .hasMessageContaining("UNDOCUMENTED has no doc line");
    }

    @Test
    void readsAndReplacesTheTableBetweenItsMarkers() {
        String document = "# Settings\n\n<!-- config-table:demo -->\n| old |\n<!-- /config-table:demo -->\n\nMore.\n";
        String table = DocsTable.of(List.of(PORT)).markdown();

        String updated = DocsTable.splice(document, "demo", table);

        assertThat(updated).isEqualTo("# Settings\n\n<!-- config-table:demo -->\n\n" + table
                + "\n<!-- /config-table:demo -->\n\nMore.\n");
        assertThat(DocsTable.between(updated, "demo")).isEqualTo(table);
        assertThat(DocsTable.splice(updated, "demo", table)).isEqualTo(updated);
    }

    @Test
    void rewritesAFileOnlyWhenItsTableChanged() throws IOException {
        Path file = Files.writeString(dir.resolve("README.md"),
                "<!-- config-table:demo -->\n<!-- /config-table:demo -->\n");
        String table = DocsTable.of(List.of(PORT)).markdown();

        assertThat(DocsTable.rewrite(file, "demo", table)).isTrue();
        assertThat(DocsTable.between(Files.readString(file), "demo")).isEqualTo(table);
        assertThat(DocsTable.rewrite(file, "demo", table)).isFalse();
    }

    /** Keys as a program declares them, one of them private to its package. */
    static final class Holder {
        static final Key<Integer> PORT = DocsTableTest.PORT;
        private static final Key<List<String>> SUBNETS = DocsTableTest.SUBNETS;
        static final String NOT_A_KEY = "SEAT";
    }

    @Test
    void findsNoDifferenceWhereTheDocumentHoldsTheTable() throws IOException {
        DocsTable table = DocsTable.of(List.of(PORT, SEAT)).in("docs/settings.md", "demo");
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/settings.md"), "<!-- config-table:demo -->\n<!-- /config-table:demo -->\n");

        assertThat(DocsTable.rewriteUnder(dir, List.of(table)))
                .containsExactly("docs/settings.md, table demo: rewritten");
        assertThat(table.differenceUnder(dir)).isEmpty();
        assertThat(DocsTable.differencesUnder(dir, List.of(table))).isEmpty();
        assertThat(DocsTable.rewriteUnder(dir, List.of(table)))
                .containsExactly("docs/settings.md, table demo: up to date");
    }

    @Test
    void namesTheLinesOnlyTheDocumentOrOnlyTheKeysHave() throws IOException {
        DocsTable table = DocsTable.of(List.of(PORT, SEAT)).in("README.md", "demo");
        Files.writeString(dir.resolve("README.md"), DocsTable.splice(
                "<!-- config-table:demo -->\n<!-- /config-table:demo -->\n", "demo",
                DocsTable.of(List.of(PORT.byDefault(8081), SEAT)).markdown()));

        assertThat(table.differenceUnder(dir)).isEqualTo("""
                README.md, table demo:
                  only in the document:       | `PORT` | `8081` | Port to listen on; `0` picks a free one. |
                  only printed from the keys: | `PORT` | `8080` | Port to listen on; `0` picks a free one. |""");
        assertThat(DocsTable.differencesUnder(dir, List.of(table, table)))
                .isEqualTo(table.differenceUnder(dir) + "\n" + table.differenceUnder(dir));
    }

    @Test
    void saysWhenTheDocumentHasTheSameRowsInAnotherOrder() throws IOException {
        DocsTable table = DocsTable.of(List.of(PORT, SEAT)).in("README.md", "demo");
        Files.writeString(dir.resolve("README.md"), DocsTable.splice(
                "<!-- config-table:demo -->\n<!-- /config-table:demo -->\n", "demo",
                DocsTable.of(List.of(SEAT, PORT)).markdown()));

        assertThat(table.differenceUnder(dir)).isEqualTo("README.md, table demo:\n"
                + "  the same lines as printed from the keys, in another order or repeated");
    }

    @Test
    void needsAPlaceToCompareOrRewrite() {
        DocsTable table = DocsTable.of(List.of(PORT));

        assertThatThrownBy(() -> table.differenceUnder(dir)).hasMessageContaining("in(document, id)");
        assertThatThrownBy(() -> table.rewriteUnder(dir)).hasMessageContaining("in(document, id)");
    }

    @Test
    void findsNoDifferenceFromTheKeysWhenEachDeclaredKeyIsListedOnce() {
        assertThat(DocsTable.of(List.of(SUBNETS, PORT)).differenceFromKeysIn(Holder.class)).isEmpty();
    }

    @Test
    void namesEachKeyLeftOutListedTwiceOrDeclaredNowhere() {
        DocsTable table = DocsTable.of(List.of(PORT, PORT, DRAIN_MS));

        assertThat(table.differenceFromKeysIn(Holder.class)).isEqualTo("""
                PORT is in the table more than once
                DRAIN_MS is in the table and declared in none of Holder
                SUBNETS is declared and not in the table""");
    }

    @Test
    void needsBothMarkersInOrder() {
        String table = DocsTable.of(List.of(PORT)).markdown();

        assertThatThrownBy(() -> DocsTable.between("no table here", "demo"))
                .hasMessageContaining("<!-- config-table:demo -->");
        assertThatThrownBy(() -> DocsTable.splice("<!-- /config-table:demo -->\n<!-- config-table:demo -->",
                "demo", table)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DocsTable.between("<!-- config-table:other -->\n<!-- /config-table:other -->",
                "demo")).isInstanceOf(IllegalArgumentException.class);
    }
}
