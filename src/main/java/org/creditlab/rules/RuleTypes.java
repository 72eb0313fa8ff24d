package org.creditlab.rules;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;
import java.io.IOException;

/**
 * The JSON type names of {@link RuleSpec}s ({@code "rule": "fa"}), looked up in {@link Rules} at every read and
 * write, so that a rule registered at any time is written and read like a built-in one. Jackson creates it from the
 * annotation on {@link RuleSpec}.
 */
public final class RuleTypes extends TypeIdResolverBase {

    @Override
    public String idFromValue(Object value) {
        return Rules.typeName(value.getClass());
    }

    @Override
    public String idFromValueAndType(Object value, Class<?> type) {
        return value != null ? idFromValue(value) : Rules.typeName(type);
    }

    @Override
    public JavaType typeFromId(DatabindContext context, String id) throws IOException {
        // Jackson does not always call init(baseType) on a resolver named by an annotation
        JavaType base = _baseType != null ? _baseType : context.constructType(RuleSpec.class);
        Rules.Entry e;
        try {
            e = Rules.entry(id);
        } catch (IllegalArgumentException unknown) {
            if (context instanceof DeserializationContext d) {
                return d.handleUnknownTypeId(base, id, this, unknown.getMessage());
            }
            throw unknown;
        }
        return context.constructSpecializedType(base, e.spec());
    }

    @Override
    public String getDescForKnownTypeIds() {
        return String.join(", ", Rules.all().keySet());
    }

    @Override
    public JsonTypeInfo.Id getMechanism() {
        return JsonTypeInfo.Id.NAME;
    }
}
