package dev.obrol.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.OutputStream;
import java.util.stream.Collectors;

/**
 * Turns JSON objects into {@link Message} records and back. Strict where strictness protects the
 * server (no coercion of scalars, bounded nesting and sizes), lenient where v1 and future peers
 * need it (unknown fields are ignored). Thread-safe: one instance serves every connection.
 */
public final class MessageCodec {
    /** Deepest nesting accepted; no obrol message nests deeper than 3. */
    static final int MAX_NESTING_DEPTH = 16;
    /** Longest field name; real ones are under 20 characters. */
    static final int MAX_NAME_LENGTH = 256;
    static final int MAX_NUMBER_LENGTH = 64;

    private final ObjectReader reader;
    private final ObjectWriter writer;

    public MessageCodec() {
        this(Limits.DEFAULT_MAX_FRAME_BYTES);
    }

    public MessageCodec(int maxFrameBytes) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxStringLength(maxFrameBytes)
                        .maxDocumentLength(maxFrameBytes)
                        .build())
                // Two values for one field would let the log and the router read different ones.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Emoji and other non-BMP characters as raw UTF-8, not as escaped surrogate pairs.
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .build();
        JsonMapper mapper = JsonMapper.builder(factory)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(new SimpleModule("strict-strings").addDeserializer(String.class, new StrictStringDeserializer()))
                .build();
        // A number or boolean where text belongs is a client bug worth reporting, not converting.
        for (CoercionInputShape shape : new CoercionInputShape[] {
            CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean
        }) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        this.reader = mapper.readerFor(Message.class);
        this.writer = mapper.writerFor(Message.class);
    }

    /** Parses one JSON object, given as UTF-8 bytes. */
    public Message decode(byte[] json, int offset, int length) throws ProtocolException {
        try {
            Message message = reader.readValue(json, offset, length);
            if (message == null) {
                throw new ProtocolException(ErrorCode.MALFORMED, "Expected a JSON object, got null.");
            }
            return message;
        } catch (InvalidTypeIdException e) {
            String id = e.getTypeId();
            throw new ProtocolException(
                    ErrorCode.UNKNOWN_TYPE,
                    id == null ? "Missing field 'type'." : "Unknown message type '" + Text.abbreviate(id, 40) + "'.");
        } catch (MismatchedInputException e) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, describeFieldProblem(e));
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.MALFORMED, "Not a valid JSON object: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.MALFORMED, "Not a valid JSON object.");
        }
    }

    public Message decode(byte[] json) throws ProtocolException {
        return decode(json, 0, json.length);
    }

    /** Writes one message as a single-line JSON object (no trailing newline). */
    public void encode(Message message, OutputStream out) throws IOException {
        writer.writeValue(out, message);
    }

    public byte[] encode(Message message) {
        try {
            return writer.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.type(), e);
        }
    }

    private static String describeFieldProblem(MismatchedInputException e) {
        String path = e.getPath().stream()
                .map(JsonMappingException.Reference::getFieldName)
                .filter(name -> name != null)
                .collect(Collectors.joining("."));
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Missing required creator property")) {
            int start = message.indexOf('\'');
            int end = message.indexOf('\'', start + 1);
            String field = start >= 0 && end > start ? message.substring(start + 1, end) : path;
            return "Missing field '" + field + "'.";
        }
        if (path.isEmpty()) {
            return "Expected a JSON object with a 'type' field.";
        }
        if (message != null && message.contains(StrictStringDeserializer.INVALID_UNICODE)) {
            return "Field '" + path + "' is " + StrictStringDeserializer.INVALID_UNICODE + ".";
        }
        return "Field '" + path + "' has the wrong type.";
    }
}
