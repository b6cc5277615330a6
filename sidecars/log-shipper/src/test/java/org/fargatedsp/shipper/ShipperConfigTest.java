package org.fargatedsp.shipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.fargatedsp.config.ConfigException;
import org.fargatedsp.shipper.channel.DoneAction;
import org.junit.jupiter.api.Test;

class ShipperConfigTest {
    @Test
    void defaultsShipToStdoutFromTheBiddersDefaultDirectoryWithTheStateBesideIt() {
        ShipperConfig c = ShipperConfig.fromEnv(Map.of());
        assertThat(c.bidLogDir()).isEqualTo(Path.of("./logs/bids"));
        assertThat(c.stateDir()).isEqualTo(Path.of("./logs/bids/.shipper"));
        assertThat(c.sink()).isEqualTo(ShipperConfig.SinkKind.STDOUT);
        assertThat(c.doneAction()).isEqualTo(DoneAction.DELETE);
        assertThat(c.maxBatchBytes()).isEqualTo(8_000_000L);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> ShipperConfig.fromEnv(Map.of("SINK", "dir", "SHIPPER_DONE_ACTION", "keep",
                "S3_OBJECT_MAX_BYTES", "10", "S3_PREFIX", "/bids/", "S3_BUCKET", "Not_A_Bucket",
                "SHIPPER_BATCHES_IN_FLIGHT", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SHIPPER_DONE_ACTION=keep")
                .hasMessageContaining("S3_OBJECT_MAX_BYTES=10")
                .hasMessageContaining("S3_PREFIX=/bids/")
                .hasMessageContaining("S3_BUCKET=Not_A_Bucket")
                .hasMessageContaining("SHIPPER_BATCHES_IN_FLIGHT=0")
                .hasMessageContaining("SHIPPER_OUTPUT_DIR must be set with SINK=dir");
    }
}
