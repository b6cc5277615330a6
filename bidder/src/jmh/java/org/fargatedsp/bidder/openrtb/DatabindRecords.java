package org.fargatedsp.bidder.openrtb;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.PropertyMetadata;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.deser.CreatorProperty;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdValueInstantiator;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.AnnotationMap;
import com.fasterxml.jackson.databind.introspect.TypeResolutionContext;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Stream;

/**
 * What jackson-databind needs, beyond the shared mapper, to read a BidRequest into the {@code openrtb} records. It
 * lives here with {@link DatabindBidRequestDecoder}, its only user, so that the records stay plain OpenRTB objects
 * without Jackson annotations. Mix-ins give every record {@code ignoreUnknown} and {@code Imp.native_} its JSON
 * name; {@code Native} is read by the bidder's own {@link NativeRequestDecoder}, as its request is a JSON string
 * databind cannot look into; {@code User} and {@code Regs} are built by the factories below, which read the 2.6
 * fields, else the 2.5 {@code ext}. Databind calls those exactly as it calls a {@code @JsonCreator} factory (its own
 * {@link StdValueInstantiator}, buffering the named properties), so the benchmark's baseline does the work it did
 * when the records carried the annotations.
 */
final class DatabindRecords {
    private DatabindRecords() {}

    /** The module to register on a mapper that reads BidRequests. */
    static Module module() {
        SimpleModule module = new SimpleModule("openrtb-records") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addValueInstantiators(DatabindRecords::instantiator);
            }
        };
        for (Class<?> record : List.of(App.class, Audio.class, Banner.class, BidRequest.class, Deal.class,
                Device.class, Dooh.class, Format.class, Geo.class, Native.class, Pmp.class, Regs.class, Site.class,
                User.class, Video.class)) {
            module.setMixInAnnotation(record, IgnoreUnknown.class);
        }
        // The Native request inside is a JSON string that databind would only copy: read it as the bidder does.
        module.addDeserializer(Native.class, new StdDeserializer<Native>(Native.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public Native deserialize(JsonParser p, DeserializationContext context) throws IOException {
                // Databind reports no repairs: a throwaway record of them, of a few bytes.
                return NativeRequestDecoder.nativeObject(p, new Repairs());
            }
        });
        return module.setMixInAnnotation(Imp.class, ImpMixin.class);
    }

    /**
     * Not only for correctness, which the mapper's own setting gives: a record is built by a creator, and for a
     * creator databind buffers every unknown field (a copy of {@code ext}, {@code source}, ...) unless the class
     * ignores unknown fields, when it skips them. Without it the baseline allocates half as much again.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    abstract static class IgnoreUnknown {}

    /** {@code native} is a Java keyword, so the component is {@code native_}; JSON calls it {@code native}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    abstract static class ImpMixin {
        @JsonProperty("native")
        abstract Native native_();
    }

    /** The TCF consent string of the 2.6 {@code consent}, else of the 2.5 {@code ext.consent}. */
    static User user(String consent, JsonNode ext) {
        if (consent == null && ext != null && ext.path("consent").isTextual()) {
            consent = ext.get("consent").textValue();
        }
        return new User(consent);
    }

    /** The 2.6 {@code gdpr} and {@code us_privacy}, else those of the 2.5 {@code ext}. */
    static Regs regs(int coppa, Integer gdpr, String usPrivacy, String gpp, JsonNode ext) {
        int applies = gdpr == null ? Regs.GDPR_UNKNOWN : gdpr;
        if (gdpr == null && ext != null && ext.path("gdpr").isIntegralNumber()) {
            applies = ext.get("gdpr").intValue();
        }
        if (usPrivacy == null && ext != null && ext.path("us_privacy").isTextual()) {
            usPrivacy = ext.get("us_privacy").textValue();
        }
        return new Regs(coppa, applies, usPrivacy, gpp);
    }

    private static ValueInstantiator instantiator(DeserializationConfig config, BeanDescription bean,
            ValueInstantiator standard) {
        if (bean.getBeanClass() == User.class) {
            return factory(config, bean, "user", "consent", "ext");
        }
        if (bean.getBeanClass() == Regs.class) {
            return factory(config, bean, "regs", "coppa", "gdpr", "us_privacy", "gpp", "ext");
        }
        return standard;
    }

    /** Databind's instantiator for the factory {@code name} of this class, taking the JSON {@code properties}. */
    private static ValueInstantiator factory(DeserializationConfig config, BeanDescription bean, String name,
            String... properties) {
        Method method = Stream.of(DatabindRecords.class.getDeclaredMethods())
                .filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
        AnnotationMap[] noAnnotations = Stream.generate(AnnotationMap::new).limit(properties.length)
                .toArray(AnnotationMap[]::new);
        AnnotatedMethod creator = new AnnotatedMethod(new TypeResolutionContext.Empty(config.getTypeFactory()),
                method, new AnnotationMap(), noAnnotations);
        creator.fixAccess(true);
        SettableBeanProperty[] arguments = new SettableBeanProperty[properties.length];
        for (int i = 0; i < properties.length; i++) {
            AnnotatedParameter parameter = creator.getParameter(i);
            arguments[i] = CreatorProperty.construct(PropertyName.construct(properties[i]), parameter.getType(),
                    null, null, bean.getClassAnnotations(), parameter, i, null, PropertyMetadata.STD_OPTIONAL);
        }
        StdValueInstantiator instantiator = new StdValueInstantiator(config, bean.getType());
        instantiator.configureFromObjectSettings(null, null, null, null, creator, arguments);
        return instantiator;
    }
}
