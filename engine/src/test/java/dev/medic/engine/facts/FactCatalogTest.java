package dev.medic.engine.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.facts.Fact;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The catalog runbooks are validated against must match the probe records exactly. */
class FactCatalogTest {

  /**
   * The network fact records of branches net-inside and net-checks (CheckSample), which the catalog does not list
   * yet: the coordinator adds them when the readers join the probe registry, and then empties this set.
   */
  @Test
  void everyFactRecordIsInTheCatalog() {
    Set<Class<?>> permitted = Arrays.stream(Fact.class.getPermittedSubclasses())
        .collect(Collectors.toSet());
    Set<Class<?>> catalogued = FactCatalog.all().values().stream().map(FactType::recordClass)
        .collect(Collectors.toSet());
    assertEquals(permitted, catalogued);
  }

  @Test
  void fieldsAreExactlyTheRecordComponents() {
    for (FactType type : FactCatalog.all().values()) {
      Set<String> components = new TreeSet<>();
      Set<String> boxed = new TreeSet<>();
      for (RecordComponent rc : type.recordClass().getRecordComponents()) {
        if (!rc.getName().equals("timestamp")) {
          components.add(rc.getName());
          if (!rc.getType().isPrimitive() && rc.getType() != String.class) {
            boxed.add(rc.getName());
          }
        }
      }
      assertEquals(components, new TreeSet<>(type.fields().keySet()), type.name() + ": fields");
      // a boxed number may be null and must be guarded in DRL; a String field may be null only if declared so
      assertTrue(type.nullable().containsAll(boxed), type.name() + ": boxed fields not marked nullable: " + boxed);
      assertTrue(components.containsAll(type.nullable()), type.name() + ": nullable names a missing field");
    }
  }

  @Test
  void typeNamesMatchTheRecordsTypeConstant() throws Exception {
    for (FactType type : FactCatalog.all().values()) {
      assertEquals(type.name(), type.recordClass().getField("TYPE").get(null));
    }
  }
}
