package dev.obrol.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;

/**
 * Reads JSON strings, refusing ones that are not valid Unicode. JSON lets a string carry a lone
 * surrogate as an escape ({@code "\ud800"}); Java keeps it, and writing it out again fails. Left
 * in, one such message would break the connection of whoever it was relayed to, so it is refused
 * at the door, where the sender gets the error. Anything but a string is refused too (no
 * coercion from numbers or booleans).
 */
final class StrictStringDeserializer extends StdScalarDeserializer<String> {
    static final String INVALID_UNICODE = "not valid Unicode text";

    StrictStringDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_STRING)) {
            return (String) ctxt.handleUnexpectedToken(String.class, p);
        }
        String text = p.getText();
        if (hasLoneSurrogate(text)) {
            throw MismatchedInputException.from(p, String.class, INVALID_UNICODE);
        }
        return text;
    }

    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
