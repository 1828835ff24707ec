package dev.obrol.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.util.HashMap;
import java.util.Map;

/** Maps message records to their wire type names, read once from {@link Message}'s annotations. */
final class MessageTypes {
    private static final Map<Class<?>, String> NAMES = new HashMap<>();

    static {
        for (JsonSubTypes.Type t : Message.class.getAnnotation(JsonSubTypes.class).value()) {
            NAMES.put(t.value(), t.name());
        }
    }

    private MessageTypes() {}

    static String nameOf(Class<?> type) {
        return NAMES.getOrDefault(type, type.getSimpleName());
    }
}
