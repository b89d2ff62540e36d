package dev.medic.engine.session;

import dev.medic.probes.facts.Fact;
import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Reads a named field of a fact record, as fast as a direct call: the engine reads fields of every sample of every
 * sweep (entity keys, trend values, window conditions), and {@code Method.invoke} on that path cost more than the
 * rules themselves.
 */
public final class FieldAccess {

  private static final Map<String, Function<Fact, Object>> CACHE = new ConcurrentHashMap<>();

  private FieldAccess() {}

  /** The getter of {@code field} on {@code recordClass}; an unknown field is a compiler bug. */
  public static Function<Fact, Object> of(Class<? extends Fact> recordClass, String field) {
    return CACHE.computeIfAbsent(recordClass.getName() + "#" + field, k -> build(recordClass, field));
  }

  @SuppressWarnings("unchecked")
  private static Function<Fact, Object> build(Class<? extends Fact> recordClass, String field) {
    Method accessor = null;
    for (RecordComponent rc : recordClass.getRecordComponents()) {
      if (rc.getName().equals(field)) {
        accessor = rc.getAccessor();
      }
    }
    if (accessor == null) {
      throw new IllegalArgumentException("no field " + field + " on " + recordClass.getSimpleName());
    }
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      MethodHandle getter = lookup.unreflect(accessor);
      CallSite site = LambdaMetafactory.metafactory(lookup, "apply", MethodType.methodType(Function.class),
          MethodType.methodType(Object.class, Object.class), getter,
          MethodType.methodType(boxed(accessor.getReturnType()), recordClass));
      return (Function<Fact, Object>) site.getTarget().invokeExact();
    } catch (Throwable e) {
      Method m = accessor; // a class this lookup cannot see: reflection is slower but reads the same value
      return f -> {
        try {
          return m.invoke(f);
        } catch (ReflectiveOperationException ex) {
          throw new IllegalStateException(ex);
        }
      };
    }
  }

  private static Class<?> boxed(Class<?> c) {
    return MethodType.methodType(c).wrap().returnType();
  }
}
