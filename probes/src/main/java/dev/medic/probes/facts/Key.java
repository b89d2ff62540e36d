package dev.medic.probes.facts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The field that names the entity a fact is about ({@code @Key("path")} on a cgroup sample, {@code @Key("pid")} on
 * a process sample): sustained windows and cooldowns are tracked per key. Host-wide facts have none.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Key {
  String value();
}
