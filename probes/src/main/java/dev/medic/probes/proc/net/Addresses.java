package dev.medic.probes.proc.net;

import java.util.Locale;

/**
 * IP addresses as the kernel hands them to Medic, turned into text: raw network-order bytes (netlink), the hex of
 * {@code /proc/net/tcp} and {@code route} (each 32-bit word printed in host byte order), the plain hex of
 * {@code ipv6_route}. IPv6 text is RFC 5952 (lowercase, longest run of zero groups as {@code ::}), IPv4-mapped
 * addresses as {@code ::ffff:a.b.c.d}.
 */
final class Addresses {

  private Addresses() {}

  /** 4 or 16 network-order bytes as text; null for any other length. */
  static String format(byte[] a) {
    if (a.length == 4) {
      return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
    }
    return a.length == 16 ? ipv6(a) : null;
  }

  /**
   * The hex of /proc/net/tcp, tcp6 and route: 8 or 32 hex digits, each group of 8 a 32-bit word in host byte order
   * (little-endian on every platform Medic supports), so {@code 0100007F} is 127.0.0.1. Null when it is not
   * uppercase hex (the kernel's {@code %08X}) of that length.
   */
  static byte[] procWords(String hex) {
    byte[] raw = Hex.bytes(hex, true);
    if (raw == null || (raw.length != 4 && raw.length != 16)) {
      return null;
    }
    byte[] out = new byte[raw.length];
    for (int w = 0; w < raw.length; w += 4) {
      for (int i = 0; i < 4; i++) {
        out[w + i] = raw[w + 3 - i];
      }
    }
    return out;
  }

  /** Plain lowercase hex, most significant byte first ({@code ipv6_route}); null when it is not that. */
  static byte[] hexBytes(String hex) {
    return Hex.bytes(hex, false);
  }

  /** {@code addr:port}, with an IPv6 address in brackets. */
  static String endpoint(String addr, int port) {
    return (addr.indexOf(':') >= 0 ? "[" + addr + "]" : addr) + ":" + port;
  }

  private static String ipv6(byte[] a) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
    }
    if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
        && groups[5] == 0xffff) {
      return "::ffff:" + format(new byte[] {a[12], a[13], a[14], a[15]});
    }
    int bestStart = -1;
    int bestLength = 1; // a single zero group is not shortened (RFC 5952 4.2.2)
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        s.append("::");
        i += bestLength - 1;
        continue;
      }
      if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
        s.append(':');
      }
      s.append(Integer.toHexString(groups[i]));
    }
    return s.toString().toLowerCase(Locale.ROOT);
  }
}
