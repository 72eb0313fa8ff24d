package org.creditlab.data;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Data generated rather than read from files, described by the fields that regenerate it (never by the arrays, since
 * a {@link DataSpec}'s JSON is part of a run's identity). {@link Datasets#load} generates it once per JVM.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = StudentTeacher.class, name = "student-teacher")})
public interface SyntheticData {

    /** The splits: a pure function of this description (the validation split may be null). */
    DataSplits generate();

    /** A short description for tables and logs. */
    String describe();
}
