package org.fargatedsp.bidlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;

/**
 * The schema's one configured Jackson factory, shared by {@link BidLogEncoder} and {@link RecordParser}: records
 * are written and read with the streaming API only, so this module has no databind mapper. Fields a reader does not
 * know are skipped by the parser; nulls are not left out, because every line carries every field of its type.
 */
final class Json {
    static final JsonFactory FACTORY = new JsonFactoryBuilder()
            // Lines are separated by the '\n' written after each object, not by the generator.
            .rootValueSeparator((SerializableString) null)
            // The caller owns the stream: closing an encoder must not close the file under it.
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private Json() {}
}
