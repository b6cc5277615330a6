package org.fargatedsp.loadtest.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.fargatedsp.loadtest.json.Json;

/**
 * A corpus request encoded once and split around the value of its top-level {@code id}, so each send
 * writes prefix, a fresh id and suffix without parsing or encoding JSON.
 *
 * @param bodyPrefix the compact JSON up to and including the opening quote of the id
 * @param bodySuffix the compact JSON from the closing quote of the id to the end
 */
public record RequestTemplate(String name, String openrtbVersion, byte[] bodyPrefix, byte[] bodySuffix, int weight) {
    private static final String MARKER = "@@fargate-dsp-loadtest-id@@";
    private static final byte[] QUOTED_MARKER = ('"' + MARKER + '"').getBytes(StandardCharsets.UTF_8);

    /** Encodes a document compactly and splits it at its {@code id}. */
    public static RequestTemplate of(CorpusDocument document) {
        ObjectNode json = document.json().deepCopy();
        json.put("id", MARKER);
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new CorpusException("cannot encode corpus request " + document.name() + ": " + e.getOriginalMessage());
        }
        int at = indexOf(body, QUOTED_MARKER, 0);
        if (at < 0 || indexOf(body, QUOTED_MARKER, at + 1) >= 0) {
            throw new CorpusException("corpus request " + document.name() + " contains the text " + MARKER
                    + " outside its id; remove it");
        }
        byte[] prefix = new byte[at + 1];
        System.arraycopy(body, 0, prefix, 0, prefix.length);
        int suffixStart = at + QUOTED_MARKER.length - 1;
        byte[] suffix = new byte[body.length - suffixStart];
        System.arraycopy(body, suffixStart, suffix, 0, suffix.length);
        return new RequestTemplate(document.name(), document.openrtbVersion(), prefix, suffix, document.weight());
    }

    /** Body length in bytes for an id of {@code idLength} ASCII characters. */
    public int bodyLength(int idLength) {
        return bodyPrefix.length + idLength + bodySuffix.length;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
