package io.kehu.server.lifecycle;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.NameTransformer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.kehu.api.domain.Profile;
import io.kehu.server.identity.ChineseScript;
import io.kehu.server.identity.NamePinyin;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A profile document as stored: the {@link Profile} fields at the top level and, beside them, the
 * {@code lifecycle} field, and fields derived for search (the names' pinyin, traditional names and companies in
 * simplified characters), written, never read back. {@link Profile} belongs to the plugin SPI and knows nothing of lifecycles, so
 * the two are written side by side rather than nested; readers of {@link Profile} alone ignore the field.
 *
 * @param lifecycle null for a profile stored before lifecycles were
 */
@JsonSerialize(using = StoredProfile.Writer.class)
@JsonDeserialize(using = StoredProfile.Reader.class)
public record StoredProfile(Profile profile, ProfileLifecycle lifecycle) {

    public static final String FIELD = "lifecycle";
    /** The pinyin keys of the names ({@link NamePinyin}), for search only. */
    public static final String PINYIN = "namesPinyin";
    /** Names and companies written in traditional characters, in simplified ones ({@link ChineseScript}), for search. */
    public static final String NAMES_SIMPLIFIED = "namesSimplified";
    public static final String COMPANIES_SIMPLIFIED = "companiesSimplified";
    private static final Set<String> DERIVED = Set.of(PINYIN, NAMES_SIMPLIFIED, COMPANIES_SIMPLIFIED);

    public String id() {
        return profile.id();
    }

    /**
     * Writes the profile's fields and then the lifecycle into one object. The unwrapping serializer is
     * built once per mapper: building it per document cost as much as writing the document.
     */
    static final class Writer extends StdSerializer<StoredProfile> implements ResolvableSerializer {

        private JsonSerializer<Object> profileFields;

        Writer() {
            super(StoredProfile.class);
        }

        @Override
        public void resolve(SerializerProvider provider) throws JsonMappingException {
            profileFields = provider.findValueSerializer(Profile.class).unwrappingSerializer(NameTransformer.NOP);
        }

        @Override
        public void serialize(StoredProfile value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject(value);
            profileFields.serialize(value.profile(), gen, provider);
            // Derived from the names and companies on every write, so they never drift from them; the reader drops them.
            List<String> names = allNames(value.profile());
            writeList(gen, PINYIN, NamePinyin.keys(names));
            writeList(gen, NAMES_SIMPLIFIED, simplifiedOnly(names));
            writeList(gen, COMPANIES_SIMPLIFIED, simplifiedOnly(value.profile().companies()));
            if (value.lifecycle() != null) {
                provider.defaultSerializeField(FIELD, value.lifecycle(), gen);
            }
            gen.writeEndObject();
        }
    }

    private static void writeList(JsonGenerator gen, String field, List<String> values) throws IOException {
        if (values.isEmpty()) {
            return;
        }
        gen.writeFieldName(field);
        gen.writeStartArray();
        for (String v : values) {
            gen.writeString(v);
        }
        gen.writeEndArray();
    }

    /** The values that have traditional characters, written in simplified ones. */
    static List<String> simplifiedOnly(List<String> values) {
        List<String> out = new ArrayList<>(0);
        for (String v : values) {
            String s = ChineseScript.simplified(v);
            if (s != null && !s.equals(v) && !out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The primary name and the others; a profile built in code may carry only the primary one. */
    static List<String> allNames(Profile p) {
        if (p.name() == null || p.names().contains(p.name())) {
            return p.names();
        }
        List<String> all = new ArrayList<>(p.names().size() + 1);
        all.add(p.name());
        all.addAll(p.names());
        return all;
    }

    /**
     * Reads the lifecycle straight from the stream and buffers the other fields as tokens for the profile:
     * one pass, where reading a tree and then converting it took two and most of the time of an import's
     * profile reads.
     */
    static final class Reader extends StdDeserializer<StoredProfile> {

        Reader() {
            super(StoredProfile.class);
        }

        @Override
        public StoredProfile deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return (StoredProfile) ctxt.handleUnexpectedToken(StoredProfile.class, p);
            }
            TokenBuffer fields = ctxt.bufferForInputBuffering(p);
            fields.writeStartObject();
            ProfileLifecycle lifecycle = null;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (FIELD.equals(name)) {
                    lifecycle = value == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, ProfileLifecycle.class);
                } else if (DERIVED.contains(name)) {
                    p.skipChildren();
                } else {
                    fields.writeFieldName(name);
                    fields.copyCurrentStructure(p);
                }
            }
            fields.writeEndObject();
            try (JsonParser profileParser = fields.asParserOnFirstToken()) {
                return new StoredProfile(ctxt.readValue(profileParser, Profile.class), lifecycle);
            }
        }
    }
}
