package org.creditlab.nn;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** An immutable, serialisable description of an architecture; {@link #build} draws a fresh network from a seed. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = MlpSpec.class, name = "mlp"),
        @JsonSubTypes.Type(value = DecorrelatedMlpSpec.class, name = "decorrelated-mlp"),
        @JsonSubTypes.Type(value = CnnSpec.class, name = "cnn")})
public interface NetworkSpec {

    /** A new network whose initial weights are a pure function of {@code seed}. */
    Network build(long seed);

    /** A short description for tables and logs, e.g. "784-256-10 relu". */
    String describe();
}
