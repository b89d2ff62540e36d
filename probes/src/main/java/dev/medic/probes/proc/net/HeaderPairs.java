package dev.medic.probes.proc.net;

import dev.medic.probes.ProbeMetrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The format of {@code /proc/net/netstat} and {@code /proc/net/snmp}: pairs of lines, a header
 * {@code Prefix: Name1 Name2 …} then {@code Prefix: v1 v2 …}, one pair per protocol ({@code TcpExt}, {@code IpExt},
 * {@code MPTcpExt}; {@code Ip}, {@code Icmp}, {@code IcmpMsg}, {@code Tcp}, {@code Udp}, {@code UdpLite}). Values
 * are signed ({@code Tcp MaxConn} is -1); names are dynamic ({@code IcmpMsg InType3} appears once seen).
 *
 * <p>A header whose next line has another prefix or another number of fields is a skipped record (the pair is left
 * out); a value that is not an integer leaves out that name only, counted.
 */
final class HeaderPairs {

  private HeaderPairs() {}

  /** Prefix → name → value, in file order. */
  static Map<String, Map<String, Long>> parse(String content, ProbeMetrics metrics) {
    Map<String, Map<String, Long>> pairs = new LinkedHashMap<>();
    String[] lines = content.split("\n");
    int i = 0;
    while (i < lines.length) {
      String header = lines[i];
      if (header.isBlank()) {
        i++;
        continue;
      }
      String prefix = prefix(header);
      String values = i + 1 < lines.length ? lines[i + 1] : "";
      String[] names = fields(header);
      String[] numbers = fields(values);
      if (prefix == null || !prefix.equals(prefix(values)) || names.length != numbers.length) {
        metrics.countSkippedRecord();
        i++;
        continue;
      }
      Map<String, Long> pair = new LinkedHashMap<>();
      for (int k = 0; k < names.length; k++) {
        Long value = parseSigned(numbers[k]);
        if (value == null || names[k].isEmpty()) {
          metrics.countSkippedRecord();
        } else {
          pair.put(names[k], value);
        }
      }
      pairs.put(prefix, pair);
      i += 2;
    }
    return pairs;
  }

  /** The text before the first colon of a line; null when there is none. */
  private static String prefix(String line) {
    int colon = line.indexOf(':');
    return colon <= 0 ? null : line.substring(0, colon).trim();
  }

  private static String[] fields(String line) {
    int colon = line.indexOf(':');
    String rest = line.substring(colon + 1).trim();
    return rest.isEmpty() ? new String[0] : rest.split("\\s+");
  }

  private static Long parseSigned(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
