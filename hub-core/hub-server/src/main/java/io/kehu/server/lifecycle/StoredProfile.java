package io.kehu.server.lifecycle;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.NameTransformer;
import io.kehu.api.domain.Profile;

import java.io.IOException;

/**
 * A profile document as stored: the {@link Profile} fields at the top level and, beside them, the
 * {@code lifecycle} field. {@link Profile} belongs to the plugin SPI and knows nothing of lifecycles, so
 * the two are written side by side rather than nested; readers of {@link Profile} alone ignore the field.
 *
 * @param lifecycle null for a profile stored before lifecycles were
 */
@JsonSerialize(using = StoredProfile.Writer.class)
@JsonDeserialize(using = StoredProfile.Reader.class)
public record StoredProfile(Profile profile, ProfileLifecycle lifecycle) {

    public static final String FIELD = "lifecycle";

    public String id() {
        return profile.id();
    }

    static final class Writer extends StdSerializer<StoredProfile> {

        Writer() {
            super(StoredProfile.class);
        }

        @Override
        public void serialize(StoredProfile value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject(value);
            provider.findValueSerializer(Profile.class).unwrappingSerializer(NameTransformer.NOP)
                    .serialize(value.profile(), gen, provider);
            if (value.lifecycle() != null) {
                provider.defaultSerializeField(FIELD, value.lifecycle(), gen);
            }
            gen.writeEndObject();
        }
    }

    static final class Reader extends StdDeserializer<StoredProfile> {

        Reader() {
            super(StoredProfile.class);
        }

        @Override
        public StoredProfile deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode tree = ctxt.readTree(p);
            if (!(tree instanceof ObjectNode node)) {
                return null;
            }
            JsonNode lifecycle = node.remove(FIELD);
            Profile profile = ctxt.readTreeAsValue(node, Profile.class);
            ProfileLifecycle l = lifecycle == null || lifecycle.isNull() ? null
                    : ctxt.readTreeAsValue(lifecycle, ProfileLifecycle.class);
            return new StoredProfile(profile, l);
        }
    }
}
