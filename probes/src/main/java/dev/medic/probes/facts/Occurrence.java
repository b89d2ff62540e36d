package dev.medic.probes.facts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fact that records something that happened once (a kill, a log record), not a sample of a state: counted
 * host-wide, with no sample windows ({@code for}, {@code trend}) and no presence over time.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Occurrence {}
