package dev.medic.agent.notify;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name notifications give this host (the {@code instance} label, the mail's subject): what a person on call
 * recognises in a channel many hosts write to.
 */
public final class HostName {

  private HostName() {}

  public static String get() {
    try {
      String name = InetAddress.getLocalHost().getHostName();
      return name == null || name.isBlank() ? "localhost" : name;
    } catch (UnknownHostException | SecurityException e) {
      return "localhost";
    }
  }
}
