package org.fargatedsp.loadtest.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fargatedsp.loadtest.corpus.Corpus;
import org.fargatedsp.loadtest.corpus.RequestTemplate;

/**
 * The corpus as ready-made HTTP/1.1 requests: head and body prefix in one array, the id, then the
 * body suffix. The id has a fixed width, so each template's {@code Content-Length} is fixed and a
 * send is three copies into one buffer.
 *
 * <p>An id is {@code <8 hex digits of run nonce>-<12 decimal digits of k>}: unique within a run and,
 * by the nonce, across runs.
 */
public final class WireRequests {
    /** Length of every request id. */
    public static final int ID_LENGTH = 8 + 1 + 12;
    /** The largest request index an id can carry. */
    public static final long MAX_INDEX = 999_999_999_999L;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final Corpus corpus;
    private final byte[][] heads;
    private final byte[][] suffixes;
    private final byte[] nonce = new byte[9];

    public WireRequests(Corpus corpus, Target target, int runNonce) {
        this.corpus = corpus;
        List<RequestTemplate> templates = corpus.templates();
        this.heads = new byte[templates.size()][];
        this.suffixes = new byte[templates.size()][];
        for (int i = 0; i < templates.size(); i++) {
            RequestTemplate template = templates.get(i);
            byte[] head = head(target, template).getBytes(StandardCharsets.US_ASCII);
            byte[] joined = new byte[head.length + template.bodyPrefix().length];
            System.arraycopy(head, 0, joined, 0, head.length);
            System.arraycopy(template.bodyPrefix(), 0, joined, head.length, template.bodyPrefix().length);
            heads[i] = joined;
            suffixes[i] = template.bodySuffix();
        }
        for (int d = 7; d >= 0; d--) {
            nonce[7 - d] = HEX[(runNonce >>> (d * 4)) & 0xf];
        }
        nonce[8] = '-';
    }

    /** Request {@code k} in a new buffer from {@code alloc}, which the caller must write or release. */
    public ByteBuf encode(ByteBufAllocator alloc, long k) {
        int t = corpus.pick(k);
        byte[] head = heads[t];
        byte[] suffix = suffixes[t];
        ByteBuf buf = alloc.ioBuffer(head.length + ID_LENGTH + suffix.length);
        buf.writeBytes(head);
        buf.writeBytes(nonce);
        long rest = k;
        int at = buf.writerIndex() + 11;
        for (int d = 0; d < 12; d++) {
            buf.setByte(at - d, '0' + (int) (rest % 10));
            rest /= 10;
        }
        buf.writerIndex(buf.writerIndex() + 12);
        buf.writeBytes(suffix);
        return buf;
    }

    /** The id request {@code k} carries. */
    public String id(long k) {
        StringBuilder digits = new StringBuilder(Long.toString(k));
        while (digits.length() < 12) {
            digits.insert(0, '0');
        }
        return new String(nonce, StandardCharsets.US_ASCII) + digits;
    }

    private static String head(Target target, RequestTemplate template) {
        // HTTP/1.1 keeps the connection alive unless told otherwise (RFC 9112 section 9.3).
        return "POST " + target.path() + " HTTP/1.1\r\n"
                + "Host: " + target.hostHeader() + "\r\n"
                + "Content-Type: application/json\r\n"
                + "x-openrtb-version: " + template.openrtbVersion() + "\r\n"
                + "Content-Length: " + template.bodyLength(ID_LENGTH) + "\r\n"
                + "\r\n";
    }
}
