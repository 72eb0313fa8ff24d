package org.creditlab.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.creditlab.rules.Rules;

/**
 * The one JSON mapper: sorted keys (so a configuration's text, and so its hash, is canonical) and indented output.
 * Rule type names ({@code "rule": "fa"}) are looked up in {@link Rules} on every read and write; when a registration
 * replaces a rule's class (a notebook cell run again), the mapper is rebuilt, because Jackson keeps the reader it
 * first built for each type name.
 */
public final class Json {
    private static volatile Built built = new Built(Rules.generation(), create());

    private record Built(long generation, ObjectMapper mapper) {}

    private Json() {}

    public static ObjectMapper mapper() {
        Built b = built;
        long g = Rules.generation();
        if (b.generation() != g) {
            b = new Built(g, create());
            built = b;
        }
        return b.mapper();
    }

    public static String write(Object value) {
        try {
            return mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code json} as a {@code type}; never null: the JSON literal {@code null} (a file emptied to it by hand or
     * a tool) is refused like any other text that is not one, so that callers name the file instead of failing later.
     */
    public static <T> T read(String json, Class<T> type) {
        T value;
        try {
            value = mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid " + type.getSimpleName() + " JSON: " + e.getOriginalMessage(), e);
        }
        if (value == null) {
            throw new IllegalArgumentException("holds null instead of a JSON object (" + type.getSimpleName() + ")");
        }
        return value;
    }

    private static ObjectMapper create() {
        return JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .build();
    }
}
