package dev.medic.checks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The few bytes of RFC 1035 a DNS check needs: a one-question query, and the header of the reply (its id, rcode and
 * answer count). Written here rather than taking dnsjava because that is all a check reads, because the socket must
 * be created on the calling thread (that thread's network namespace is the one checked; dnsjava's resolvers hand
 * I/O to a shared selector thread), and because a socket the check owns is one the watchdog can close.
 */
final class DnsWire {

  /** Query types by name, as written in the config. */
  static final Map<String, Integer> TYPES = Map.ofEntries(Map.entry("A", 1), Map.entry("NS", 2),
      Map.entry("CNAME", 5), Map.entry("SOA", 6), Map.entry("PTR", 12), Map.entry("MX", 15), Map.entry("TXT", 16),
      Map.entry("AAAA", 28), Map.entry("SRV", 33), Map.entry("CAA", 257));

  private static final String[] RCODES = {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED",
      "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE"};

  /** The parts of a reply's header a check reports. */
  record Reply(int id, boolean response, boolean truncated, int rcode, int answers) {
    String rcodeName() {
      return rcode < RCODES.length ? RCODES[rcode] : "RCODE" + rcode;
    }
  }

  private DnsWire() {}

  /** A standard query with recursion desired; a label longer than 63 bytes or a name over 253 is refused. */
  static byte[] query(int id, String name, String type) {
    Integer qtype = TYPES.get(type.toUpperCase(Locale.ROOT));
    if (qtype == null) {
      throw new IllegalArgumentException("unknown record type " + type);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    short16(out, id);
    short16(out, 0x0100); // RD
    short16(out, 1);
    short16(out, 0);
    short16(out, 0);
    short16(out, 0);
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (n.length() > 253) {
      throw new IllegalArgumentException("name longer than 253 characters");
    }
    for (String label : n.isEmpty() ? new String[0] : n.split("\\.", -1)) {
      byte[] b = label.getBytes(StandardCharsets.US_ASCII);
      if (b.length == 0 || b.length > 63) {
        throw new IllegalArgumentException("label '" + label + "' must be 1-63 characters");
      }
      out.write(b.length);
      out.write(b, 0, b.length);
    }
    out.write(0);
    short16(out, qtype);
    short16(out, 1); // IN
    return out.toByteArray();
  }

  /** The header of a reply; empty when shorter than a header. */
  static Optional<Reply> reply(byte[] data, int length) {
    if (length < 12) {
      return Optional.empty();
    }
    int flags = u16(data, 2);
    return Optional.of(new Reply(u16(data, 0), (flags & 0x8000) != 0, (flags & 0x0200) != 0, flags & 0xF,
        u16(data, 6)));
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
  }

  private static void short16(ByteArrayOutputStream out, int v) {
    out.write(v >> 8 & 0xff);
    out.write(v & 0xff);
  }
}
