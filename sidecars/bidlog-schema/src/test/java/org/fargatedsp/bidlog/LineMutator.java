package org.fargatedsp.bidlog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes bad and almost-good bid-log lines from good ones: truncations, byte flips, structural characters, fields
 * deleted, duplicated, renamed or given values of other types, bad and good UTF-8, escapes, whitespace, nesting.
 */
final class LineMutator {
    private static final byte[] STRUCTURAL = "{}[],:\"\\ \t\r0123456789-+.eEntrfalsu".getBytes(StandardCharsets.UTF_8);
    private static final String[] VALUES = {"null", "true", "false", "0", "-0", "1", "-1", "1.5", "1e3", "1E+2", "2.0",
        "-0.0", "0.000001", "0.0000001", "1.0000000", "1e-6", "1e-7", "0e-999", "0E99", "1e13", "1e12", "9223372036854",
        "9223372036854.775807", "9223372036854.775808", "12345678901234.567891", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "2147483647", "2147483648",
        "99999999999999999999", "01", "-01", "1.", ".5", "-", "+1", "1e", "1e+", "NaN", "Infinity", "tru", "nul",
        "\"\"", "\"bid\"", "\"nobid\"", "\"win\"", "\"billing\"", "\"loss\"", "\"b\\u0069d\"", "\"n\\u006Fbid\"",
        "\"x\"", "\"\\ud800\"", "\"\\x\"", "\"\\u12\"", "\"a\\/b\"", "[]", "[\"a\"]", "[\"a\",\"b\"]", "[1]",
        "[null]", "[\"a\",]", "{}", "[{}]", "{\"a\":[1,{\"b\":null}]}",
        "[{\"imp_id\":\"1\",\"bid_id\":\"b\",\"campaign_id\":\"c\",\"creative_id\":\"cr\",\"price\":1,\"cur\":\"USD\"}]",
        "[{\"imp_id\":\"1\",\"bid_id\":\"b\",\"campaign_id\":\"c\",\"creative_id\":\"cr\",\"price\":1}]"};
    private static final String[] NAMES = {"schema_version", "type", "ts", "request_id", "exchange", "imp_ids",
        "outcome", "reason", "bids", "processing_us", "test", "task_id", "version", "imp_id", "bid_id", "seat",
        "campaign_id", "creative_id", "deal_id", "price", "cur", "loss_reason", "t\\u0073", "typ\\u0065", "x", "",
        "TS"};
    private static final byte[][] UTF8 = {{(byte) 0xC3, (byte) 0xA9}, {(byte) 0xE2, (byte) 0x82, (byte) 0xAC},
        {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xC1, (byte) 0xBF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90,
            (byte) 0x80, (byte) 0x80}, {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF},
        {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xC2,
            (byte) 0xA0}, {0x7F}, {0x00}, {0x1F}, {0x0C}};

    private final Random random;

    LineMutator(long seed) {
        random = new Random(seed);
    }

    /** One to three mutations of {@code line}. */
    byte[] mutate(byte[] line) {
        byte[] out = line;
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            out = once(out);
        }
        return out;
    }

    private byte[] once(byte[] line) {
        if (line.length == 0) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
        int at = random.nextInt(line.length + 1);
        List<int[]> members = members(line);
        switch (random.nextInt(12)) {
            case 0:
                return slice(line, 0, at);
            case 1: {
                byte[] out = line.clone();
                out[Math.min(at, line.length - 1)] = (byte) random.nextInt(256);
                return out;
            }
            case 2: {
                byte[] out = line.clone();
                out[Math.min(at, line.length - 1)] = STRUCTURAL[random.nextInt(STRUCTURAL.length)];
                return out;
            }
            case 3:
                return splice(line, at, at, new byte[] {STRUCTURAL[random.nextInt(STRUCTURAL.length)]});
            case 4: {
                int to = Math.min(line.length, at + 1 + random.nextInt(8));
                return random.nextBoolean() ? splice(line, at, to, new byte[0])
                        : splice(line, at, at, slice(line, at, to));
            }
            case 5:
                return splice(line, at, at, UTF8[random.nextInt(UTF8.length)]);
            case 6:
                return escapeOne(line, at);
            default:
                if (members.isEmpty()) {
                    return splice(line, at, at, new byte[] {' '});
                }
                return member(line, members.get(random.nextInt(members.size())));
        }
    }

    // m = {name start, value start, value end}
    private byte[] member(byte[] line, int[] m) {
        byte[] text = slice(line, m[0], m[2]);
        switch (random.nextInt(6)) {
            case 0: {
                // Delete the member and the comma after it, or before it when it is the last.
                int from = m[0];
                int to = m[2];
                if (to < line.length && line[to] == ',') {
                    to++;
                } else if (from > 0 && line[from - 1] == ',') {
                    from--;
                }
                return splice(line, from, to, new byte[0]);
            }
            case 1:
                return splice(line, m[2], m[2], concat(",".getBytes(StandardCharsets.UTF_8), text));
            case 2:
                return splice(line, m[1], m[2], utf8(VALUES[random.nextInt(VALUES.length)]));
            case 3:
                return splice(line, m[0], m[1], utf8("\"" + NAMES[random.nextInt(NAMES.length)] + "\":"));
            case 4: {
                int depth = random.nextInt(4) == 0 ? 995 + random.nextInt(10) : 1 + random.nextInt(4);
                boolean array = random.nextBoolean();
                String open = array ? "[" : "{\"x\":";
                String close = array ? "]" : "}";
                byte[] value = slice(line, m[1], m[2]);
                byte[] wrapped = concat(utf8(open.repeat(depth)), concat(value, utf8(close.repeat(depth))));
                return splice(line, m[1], m[2], wrapped);
            }
            default: {
                String[] spaces = {" ", "\t", "\r", "\n", "\f", "\u00a0", "  "};
                byte[] space = utf8(spaces[random.nextInt(spaces.length)]);
                int[] places = {m[0], m[1], m[1] - 1, m[2]};
                int place = places[random.nextInt(places.length)];
                return splice(line, place, place, space);
            }
        }
    }

    // An ASCII letter or digit inside the line replaced by its \\u escape.
    private byte[] escapeOne(byte[] line, int at) {
        for (int i = at; i < line.length; i++) {
            int c = line[i];
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                return splice(line, i, i + 1, utf8(String.format("\\u%04x", c)));
            }
        }
        return line;
    }

    /** The members of every object in the line, as {name start, value start, value end} byte offsets. */
    static List<int[]> members(byte[] line) {
        List<int[]> members = new ArrayList<>();
        try (JsonParser p = Json.FACTORY.createParser(line)) {
            JsonToken t;
            List<int[]> open = new ArrayList<>();
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    int nameStart = (int) p.currentTokenLocation().getByteOffset();
                    p.nextToken();
                    int valueStart = (int) p.currentTokenLocation().getByteOffset();
                    if (p.currentToken().isStructStart()) {
                        // Its members are listed too: note it and finish it at its end.
                        open.add(new int[] {nameStart, valueStart, -1, p.currentToken().isStructStart() ? 1 : 0});
                        continue;
                    }
                    members.add(new int[] {nameStart, valueStart, (int) p.currentLocation().getByteOffset()});
                } else if (t.isStructStart() && !open.isEmpty()) {
                    open.get(open.size() - 1)[3]++;
                } else if (t.isStructEnd() && !open.isEmpty()) {
                    int[] o = open.get(open.size() - 1);
                    if (--o[3] == 0) {
                        open.remove(open.size() - 1);
                        members.add(new int[] {o[0], o[1], (int) p.currentLocation().getByteOffset()});
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // A line already broken: its members before the break are enough.
        }
        return members;
    }

    static byte[] splice(byte[] line, int from, int to, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(line.length + insert.length);
        out.write(line, 0, from);
        out.write(insert, 0, insert.length);
        out.write(line, to, line.length - to);
        return out.toByteArray();
    }

    private static byte[] slice(byte[] line, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(line, from, out, 0, to - from);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return splice(a, a.length, a.length, b);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
