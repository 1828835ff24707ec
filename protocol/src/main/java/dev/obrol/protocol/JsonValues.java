package dev.obrol.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

/**
 * Tells raw text that is a complete JSON value other than an object ({@code [1]}, {@code "x"},
 * {@code 5}, {@code true}, {@code null}) from plain text a v1 user typed. The former is a broken
 * client and gets an ERROR; the latter is logged, as v1 does. Thread-safe.
 */
public final class JsonValues {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MessageCodec.MAX_NESTING_DEPTH)
                    .maxNumberLength(MessageCodec.MAX_NUMBER_LENGTH)
                    .build())
            .build();

    private JsonValues() {}

    /**
     * "array", "string", "number", "boolean" or "null" if {@code text} is exactly one such JSON
     * value; null if it is anything else (plain text, an object, or not JSON at all).
     */
    public static String kindOfNonObject(String text) {
        if (text.isEmpty() || "[\"-0123456789tfn".indexOf(text.charAt(0)) < 0) {
            return null; // cheap exit for ordinary chat text
        }
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null || first == JsonToken.START_OBJECT) {
                return null;
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return null; // "5 apples" is text, not a number
            }
            return switch (first) {
                case START_ARRAY -> "array";
                case VALUE_STRING -> "string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
                case VALUE_TRUE, VALUE_FALSE -> "boolean";
                case VALUE_NULL -> "null";
                default -> null;
            };
        } catch (IOException | RuntimeException e) {
            return null; // not JSON (or too deep to be anything but junk): treat as text
        }
    }
}
