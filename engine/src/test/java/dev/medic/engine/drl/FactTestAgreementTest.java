package dev.medic.engine.drl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.engine.facts.FactCatalog;
import dev.medic.engine.facts.FactType;
import dev.medic.probes.facts.FieldKind;
import dev.medic.engine.runbook.Comparison;
import dev.medic.engine.runbook.Operator;
import dev.medic.engine.session.FactTest;
import dev.medic.engine.session.RuleBase;
import dev.medic.probes.facts.Fact;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.internal.utils.KieHelper;

/**
 * {@link FactTest} evaluates a runbook's comparisons in Java (for sustained windows and for admitting samples into
 * the session); the rules evaluate the same comparisons as DRL ({@link Conditions}). The two must agree on every
 * field of every fact type, every operator, and absent values: this test runs both over random samples drawn from a
 * small domain, so equal, smaller, larger and null all occur.
 */
class FactTestAgreementTest {

  private static final double[] NUMBERS = {0, 1, 1.5, 2, 3};
  private static final String[] TEXTS = {"a", "b", ""};

  @Test
  void javaAndDroolsAgreeOnEveryFieldAndOperator() throws Exception {
    Random random = new Random(7);
    List<String> rules = new ArrayList<>();
    List<Comparison> comparisons = new ArrayList<>();
    List<FactType> typeOf = new ArrayList<>();
    for (FactType type : FactCatalog.all().values()) {
      type.fields().forEach((field, kind) -> {
        List<Object> values = new ArrayList<>(values(kind));
        if (type.nullable().contains(field)) {
          values.add(Comparison.ABSENT); // field == null, field != null
        }
        if (kind == FieldKind.TEXT) {
          values.add(List.of("a", "b")); // field in [a, b], field not in [a, b]
          values.add(List.of(""));
        }
        for (Object value : values) {
          for (Operator op : Operator.values()) {
            if (op.isSet() != value instanceof List) {
              continue; // sets go with in and not in, and only they
            }
            if (op.isOrdering() && (kind == FieldKind.TEXT || kind == FieldKind.FLAG || value == Comparison.ABSENT)) {
              continue; // the loader refuses these
            }
            if (!op.isOrdering() && value.equals(1.5) && type.wholeNumber(field)) {
              continue; // and these ("a whole number can never equal 1.5"): Drools would truncate 1.5 to 1
            }
            Comparison c = new Comparison(field, op, value, String.valueOf(value), null);
            rules.add("rule \"c" + comparisons.size() + "\"\nwhen\n  $f : " + type.simpleClassName() + "( "
                + Conditions.one(type, c) + " )\nthen\n  results.add(\"c" + comparisons.size()
                + "@\" + $f.timestamp());\nend\n");
            comparisons.add(c);
            typeOf.add(type);
          }
        }
      });
    }
    StringBuilder drl = new StringBuilder("package dev.medic.test;\n\n");
    FactCatalog.all().values().forEach(t -> drl.append("import ").append(t.recordClass().getName()).append(";\n"));
    drl.append("\nglobal java.util.Set results;\n\n");
    rules.forEach(drl::append);

    List<Fact> facts = new ArrayList<>();
    for (FactType type : FactCatalog.all().values()) {
      for (int i = 0; i < 40; i++) {
        facts.add(random(type, facts.size(), random));
      }
    }
    KieSession session = new KieHelper().addContent(drl.toString(), ResourceType.DRL).build(RuleBase.options()).newKieSession();
    Set<String> drools = new TreeSet<>();
    session.setGlobal("results", drools);
    facts.forEach(session::insert);
    session.fireAllRules();
    session.dispose();

    Set<String> java = new TreeSet<>();
    for (int i = 0; i < comparisons.size(); i++) {
      FactTest test = FactTest.of(typeOf.get(i), List.of(comparisons.get(i)), List.of());
      for (Fact f : facts) {
        if (f.type().equals(typeOf.get(i).name()) && test.test(f)) {
          java.add("c" + i + "@" + f.timestamp());
        }
      }
    }
    assertTrue(comparisons.size() > 400, "comparisons: " + comparisons.size());
    assertTrue(java.size() > 1000, "a meaningful share matches: " + java.size());
    List<String> disagree = new ArrayList<>();
    Set<String> all = new TreeSet<>(drools);
    all.addAll(java);
    for (String r : all) {
      if (drools.contains(r) != java.contains(r)) {
        int c = Integer.parseInt(r.substring(1, r.indexOf('@')));
        Fact f = facts.get(Integer.parseInt(r.substring(r.indexOf('@') + 1)));
        disagree.add(typeOf.get(c).name() + " " + comparisons.get(c) + " drools=" + drools.contains(r) + " java="
            + java.contains(r) + " on " + f);
      }
    }
    assertEquals(List.of(), disagree.stream().map(d -> d.substring(0, d.indexOf(" on "))).distinct().toList(),
        disagree.size() + " disagreements");
  }

  private static List<Object> values(FieldKind kind) {
    return switch (kind) {
      case TEXT -> List.of((Object[]) TEXTS);
      case FLAG -> List.of(true, false);
      default -> List.of(1.0, 1.5, 2.0);
    };
  }

  /** A record of this type with every component drawn from the small domain; nullable fields absent at times. */
  private static Fact random(FactType type, long id, Random random) throws Exception {
    RecordComponent[] parts = type.recordClass().getRecordComponents();
    Object[] args = new Object[parts.length];
    Class<?>[] classes = new Class<?>[parts.length];
    for (int i = 0; i < parts.length; i++) {
      classes[i] = parts[i].getType();
      String name = parts[i].getName();
      if (name.equals("timestamp")) {
        args[i] = id; // identifies the sample in the results
      } else if (type.nullable().contains(name) && random.nextInt(4) == 0) {
        args[i] = null;
      } else {
        args[i] = value(classes[i], random);
      }
    }
    Constructor<? extends Fact> c = type.recordClass().getDeclaredConstructor(classes);
    return c.newInstance(args);
  }

  private static Object value(Class<?> c, Random random) {
    double d = NUMBERS[random.nextInt(NUMBERS.length)];
    if (c == int.class || c == Integer.class) {
      return (int) d;
    }
    if (c == long.class || c == Long.class) {
      return (long) d;
    }
    if (c == double.class || c == Double.class) {
      return d;
    }
    if (c == boolean.class || c == Boolean.class) {
      return random.nextBoolean();
    }
    if (c == String.class) {
      return TEXTS[random.nextInt(TEXTS.length)];
    }
    return null; // a component no condition can name (lists, nested records)
  }
}
