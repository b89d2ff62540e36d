package dev.medic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code medic probe --sort} and {@code --watch} on the live host. */
class ProbeSortAndWatchTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void sortByPssPutsTheLargestPssFirstAndUnknownLast() throws Exception {
    CliRun r = CliRun.of("probe", "--json", "--top", "0", "--sort", "pss");
    assertEquals(MedicCli.OK, r.code(), r.toString());
    JsonNode root = JSON.readTree(r.out());
    assertEquals("pss", root.get("sort").asText());
    List<Long> pss = new ArrayList<>();
    root.get("processes").forEach(p -> pss.add(p.get("pss").isNull() ? null : p.get("pss").asLong()));
    int firstUnknown = pss.indexOf(null);
    List<Long> known = firstUnknown < 0 ? pss : pss.subList(0, firstUnknown);
    assertTrue(known.size() >= 1, "at least this JVM has a PSS: " + pss);
    for (int i = 1; i < known.size(); i++) {
      assertTrue(known.get(i - 1) >= known.get(i), "not descending by pss: " + known);
    }
    if (firstUnknown >= 0) {
      assertTrue(pss.subList(firstUnknown, pss.size()).stream().allMatch(v -> v == null), "unknown PSS last: " + pss);
    }
  }

  @Test
  void watchWithCountPrintsOneJsonObjectPerRefresh() throws Exception {
    CliRun r = CliRun.of("probe", "--watch", "--count", "3", "--interval", "200ms", "--json", "--top", "3");
    assertEquals(MedicCli.OK, r.code(), r.toString());
    List<String> lines = r.out().lines().toList();
    assertEquals(3, lines.size(), r.toString());
    long previous = 0;
    for (String line : lines) {
      long ts = JSON.readTree(line).get("timestamp").asLong();
      assertTrue(ts > previous, "refreshes move forward in time");
      previous = ts;
    }
    // reclaim and swap rates come from counter deltas: present from the first refresh on
    assertTrue(JSON.readTree(lines.get(0)).get("vmstat").get("pgscanPerSec").isNumber(), lines.get(0));
  }

  @Test
  void anUnknownSortKeyIsAUsageError() {
    CliRun r = CliRun.of("probe", "--sort", "size");
    assertEquals(MedicCli.USAGE, r.code(), r.toString());
    assertTrue(r.err().contains("'size' is not one of rss, pss, uss, swap, growth"), r.toString());
  }
}
