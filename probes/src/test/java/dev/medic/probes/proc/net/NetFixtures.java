package dev.medic.probes.proc.net;

import dev.medic.probes.Fixtures;
import dev.medic.probes.HostRoot;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.netns.NetNamespace;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The network fixture hosts: {@code net-reference} (the samples of the network reference, kernel 6.18, root
 * namespace) and {@code net-host} (files copied from a test machine, with two real listeners, one of them holding
 * two unaccepted connections), both anchored on {@code proc/self}.
 */
final class NetFixtures {

  static final HostRoot REFERENCE = Fixtures.host("net-reference");
  static final HostRoot HOST = Fixtures.host("net-host");

  private NetFixtures() {}

  /** The host namespace of a fixture tree ({@code proc/self/ns/net} is a plain file there). */
  static NetNamespace hostOf(HostRoot root) {
    try {
      return NetNamespace.host(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file of a fixture host's {@code proc/self/net}. */
  static String net(HostRoot root, String file) {
    try {
      return KernelFiles.read(root.procNet("self", file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
