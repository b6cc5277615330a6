package org.fargatedsp.bidder.openrtb;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.module.afterburner.AfterburnerModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import org.fargatedsp.bidder.json.Json;

/**
 * Decodes a BidRequest with jackson-databind into the same records as {@link BidRequestDecoder}, with the mix-in and
 * creators of {@link DatabindRecords} for the names and the 2.5 and 2.6 {@code ext} shapes. It is the baseline the
 * streaming decoder is measured against ({@code DecodeBenchmark}) and a reference decoder tests can compare it
 * with. Unlike the streaming decoder it validates nothing beyond JSON syntax and types. Thread-safe.
 */
public final class DatabindBidRequestDecoder {
    /** How databind is set up. */
    public enum Variant {
        /** Plain databind: reflection and method handles. */
        PLAIN,
        /** With Afterburner, which generates bytecode for setters and fields, but not for record creators. */
        AFTERBURNER,
        /** With Blackbird, Afterburner's successor built on {@code LambdaMetafactory}. */
        BLACKBIRD
    }

    private final Variant variant;
    private final ObjectReader reader;

    public DatabindBidRequestDecoder(Variant variant) {
        this.variant = variant;
        // The shared mapper already ignores unknown fields, the norm in OpenRTB (ext, and all the bidder never reads).
        JsonMapper.Builder builder = Json.MAPPER.rebuild().addModule(DatabindRecords.module());
        switch (variant) {
            case AFTERBURNER -> builder.addModule(new AfterburnerModule());
            case BLACKBIRD -> builder.addModule(new BlackbirdModule());
            case PLAIN -> {
                // Databind as it comes.
            }
        }
        this.reader = builder.build().readerFor(BidRequest.class);
    }

    public Variant variant() {
        return variant;
    }

    /**
     * Decodes {@code length} bytes of UTF-8 JSON from {@code offset}.
     *
     * @throws IOException on malformed JSON or a value of the wrong type, as databind reports it; content after
     *     the object is not checked
     */
    public BidRequest decode(byte[] json, int offset, int length) throws IOException {
        return reader.readValue(json, offset, length);
    }
}
