package dev.medic.agent.api;

import dev.medic.engine.runbook.Echo;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address block of {@code api.readFrom}, {@code 10.0.0.0/8} or one address: who may read without a token. Only
 * literal addresses are accepted (a name would need DNS to check a request).
 */
public record Cidr(byte[] network, int prefix) {

  public static Cidr parse(String text) {
    String t = text == null ? "" : text.trim();
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    String bad = "api readFrom: '" + Echo.of(text) + "' is not an address or address/prefix";
    if (!addr.matches("[0-9A-Fa-f:.]+") || !(addr.contains(".") || addr.contains(":"))) {
      throw new IllegalArgumentException(bad);
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(addr).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(bad);
    }
    int prefix = bytes.length * 8;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > bytes.length * 8) {
        throw new IllegalArgumentException("api readFrom: prefix of '" + Echo.of(text) + "' must be 0 to "
            + bytes.length * 8);
      }
    }
    return new Cidr(bytes, prefix);
  }

  /** Whether a literal address (as Vert.x reports a client's) is in this block. */
  public boolean contains(String address) {
    byte[] a;
    try {
      a = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException | IllegalArgumentException e) {
      return false;
    }
    if (a.length != network.length) {
      return false;
    }
    for (int bit = 0; bit < prefix; bit++) {
      int mask = 0x80 >> (bit % 8);
      if ((a[bit / 8] & mask) != (network[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }
}
