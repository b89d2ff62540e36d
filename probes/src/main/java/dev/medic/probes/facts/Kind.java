package dev.medic.probes.facts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The kind of a fact field where its Java type does not say it: {@code @Kind(BYTES)} on a size,
 * {@code @Kind(PERCENT)} on a percentage. Without it a field is {@link FieldKind#TEXT} for a String,
 * {@link FieldKind#FLAG} for a boolean and {@link FieldKind#NUMBER} for any other number. The engine's fact catalog
 * reads it, so a field's name, kind and nullability are written once, on the record.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Kind {
  FieldKind value();
}
