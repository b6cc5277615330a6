package org.fargatedsp.bidlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BidLogFileNamesTest {

    @Test
    void namesFilesWithTaskAndZeroPaddedSequence() {
        assertThat(BidLogFileNames.readyName("8f03e412", 42)).isEqualTo("bids-8f03e412-0000000042.jsonl");
        assertThat(BidLogFileNames.activeName("8f03e412", 42)).isEqualTo("bids-8f03e412-0000000042.jsonl.active");
        assertThat(BidLogFileNames.readyNameOf("bids-8f03e412-0000000042.jsonl.active"))
                .isEqualTo("bids-8f03e412-0000000042.jsonl");
    }

    @ParameterizedTest
    @CsvSource({
        "bids-task-0000000001.jsonl,            true,  false, task,          1",
        "bids-task-0000000001.jsonl.active,     false, true,  task,          1",
        "bids-my-host-1-0000000123.jsonl,       true,  false, my-host-1,     123",
        "bids-a-9999999999.jsonl,               true,  false, a,             9999999999",
        "bids--0000000001.jsonl,                false, false, ,              -1",
        "bids-task-000000001.jsonl,             false, false, ,              -1",
        "bids-task-00000000x1.jsonl,            false, false, ,              -1",
        "bids-task-0000000001.jsonl.tmp,        false, false, ,              -1",
        "bids-task-0000000001.json,             false, false, ,              -1",
        "other-task-0000000001.jsonl,           false, false, ,              -1",
        "shipper-checkpoint.json,               false, false, ,              -1"
    })
    void recognisesReadyAndActiveNames(String name, boolean ready, boolean active, String task, long seq) {
        assertThat(BidLogFileNames.isReady(name)).isEqualTo(ready);
        assertThat(BidLogFileNames.isActive(name)).isEqualTo(active);
        assertThat(BidLogFileNames.taskIdOf(name)).isEqualTo(task);
        assertThat(BidLogFileNames.sequenceOf(name)).isEqualTo(seq);
    }

    @ParameterizedTest
    @CsvSource({"ab/c:d e, ab_c_d_e", "ok-1.2_3, ok-1.2_3", "'', unknown"})
    void keepsOnlyFileNameSafeCharactersOfTheTaskId(String taskId, String expected) {
        assertThat(BidLogFileNames.sanitizeTaskId(taskId)).isEqualTo(expected);
    }

    @Test
    void refusesSequenceNumbersThatWouldBreakTheSortOrder() {
        assertThatThrownBy(() -> BidLogFileNames.readyName("t", 10_000_000_000L))
                .hasMessageContaining("sequence number out of range");
        assertThatThrownBy(() -> BidLogFileNames.readyName("t", -1)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> BidLogFileNames.readyNameOf("bids-t-0000000001.jsonl"))
                .hasMessageContaining("not an active");
    }

    @Test
    void listsReadyFilesInWritingOrderLeavingOutActiveAndForeignFiles(@TempDir Path dir) throws IOException {
        for (String name : new String[] {"bids-t-0000000010.jsonl", "bids-t-0000000002.jsonl",
            "bids-t-0000000011.jsonl.active", "bids-s-0000000005.jsonl", "notes.txt"}) {
            Files.writeString(dir.resolve(name), "x");
        }
        Files.createDirectory(dir.resolve("bids-t-0000000001.jsonl"));

        assertThat(BidLogFileNames.listReady(dir)).extracting(p -> p.getFileName().toString())
                .containsExactly("bids-s-0000000005.jsonl", "bids-t-0000000002.jsonl", "bids-t-0000000010.jsonl");
    }
}
