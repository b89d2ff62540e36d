package dev.medic.probes.facts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A String field that may be absent (null) on some hosts. A boxed number or Boolean is nullable by its type and
 * needs no mark; a String is required unless marked, because most text fields (a comm, a path) are always there.
 * Conditions on a nullable field are false when it is absent.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Nullable {}
