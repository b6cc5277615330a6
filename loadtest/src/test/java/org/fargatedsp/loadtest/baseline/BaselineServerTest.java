package org.fargatedsp.loadtest.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineServerTest {
    @TempDir
    Path dir;

    @Test
    void writesItsPortFileOnceListeningAndAnswersOverOneConnection() throws Exception {
        Path portFile = dir.resolve("port");
        try (BaselineServer server = BaselineServer.start(Config.fromEnv(Map.of("PORT", "0",
                "PORT_FILE", portFile.toString(), "IO_THREADS", "1")))) {
            assertThat(Files.readString(portFile)).isEqualTo(Integer.toString(server.port()));

            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                String post = "POST /openrtb2/bid HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";
                out.write((post + post + "GET /health HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();

                String expected = "HTTP/1.1 204 No Content\r\n\r\n".repeat(2)
                        + "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\nok";
                assertThat(read(socket.getInputStream(), expected.length())).isEqualTo(expected);
            }
        }
    }

    @Test
    void rejectsBadSettingsAllAtOnce() {
        assertThatThrownBy(() -> Config.fromEnv(Map.of("PORT", "99999", "IO_THREADS", "none")))
                .hasMessageContaining("PORT=99999: must be between 0 and 65535")
                .hasMessageContaining("IO_THREADS=none: not a whole number");
    }

    private static String read(InputStream in, int length) throws Exception {
        byte[] bytes = in.readNBytes(length);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
