package dev.medic.probes.proc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The systemd unit and the container a process belongs to, derived from the cgroup paths in
 * {@code /proc/<pid>/cgroup}: systemd names one cgroup per unit, and docker, containerd, CRI-O, podman and the
 * kubelet name theirs after the container id. Pure functions of the path.
 *
 * <p>Only names, never the container runtime's API: asking docker or crictl would cost a socket round trip per
 * process per sweep, and the path is what the kernel itself charges the memory to.
 */
public final class CgroupPaths {

  /** Suffixes of the systemd unit types that own processes (slices only group, targets hold nothing). */
  private static final String[] UNIT_SUFFIXES = {".service", ".scope", ".socket", ".mount"};

  /**
   * {@code docker-<id>.scope} (docker with the systemd driver), {@code cri-containerd-<id>.scope}, {@code crio-<id>}
   * ({@code .scope} with the systemd driver), {@code libpod-<id>.scope} (podman). Real ids are 64 hex digits; 12
   * (docker's short form) are accepted. {@code crio-conmon-<id>} and {@code libpod-conmon-<id>} are the runtime's
   * monitor process, which is not in the container, and do not match because "conmon" is not hex.
   */
  private static final Pattern PREFIXED =
      Pattern.compile("(?:docker|cri-containerd|crio|libpod)-([0-9a-f]{12,64})(?:\\.scope)?");

  /** A bare element is only an id when it is the full 64 hex digits: short hex-looking names are too common. */
  private static final Pattern FULL_ID = Pattern.compile("[0-9a-f]{64}");

  private CgroupPaths() {}

  /** {@code /a/b} → {@code /a} → {@code /} → null (also for an empty path): walks a cgroup's ancestors. */
  public static String parent(String cgroup) {
    if (cgroup.equals("/") || cgroup.isEmpty()) {
      return null;
    }
    int slash = cgroup.lastIndexOf('/');
    return slash <= 0 ? "/" : cgroup.substring(0, slash);
  }

  /**
   * The systemd unit: the last path element ending in a unit suffix, a {@code .service} preferred. A scope below
   * a service ({@code user@1000.service/app.slice/x.scope}) belongs to that service's own systemd instance, so the
   * service is the unit the host's systemd knows. Examples: {@code /system.slice/nginx.service} →
   * {@code nginx.service}; {@code /user.slice/user-1000.slice/session-3.scope} → {@code session-3.scope}.
   *
   * @return null when no element is a unit (the root, {@code /docker/<id>} under the cgroupfs driver)
   */
  public static String unit(String path) {
    if (path == null) {
      return null;
    }
    String service = null;
    String other = null;
    for (String element : path.split("/")) {
      if (element.endsWith(".service") && element.length() > ".service".length()) {
        service = element;
      } else if (isUnit(element)) {
        other = element;
      }
    }
    return service != null ? service : other;
  }

  /**
   * The full container id: from {@code /docker/<id>}, {@code /kubepods/<qos>/pod<uid>/<id>} (cgroupfs driver), or
   * an element {@code docker-<id>.scope}, {@code cri-containerd-<id>.scope}, {@code crio-<id>.scope},
   * {@code libpod-<id>.scope} anywhere in the path (systemd driver, kubepods.slice included). The outermost match
   * wins: with docker-in-docker that is the container the host's runtime knows.
   *
   * @return null when the path names no container
   */
  public static String container(String path) {
    if (path == null) {
      return null;
    }
    String[] elements = path.split("/");
    for (int i = 0; i < elements.length; i++) {
      String element = elements[i];
      Matcher m = PREFIXED.matcher(element);
      if (m.matches()) {
        return m.group(1);
      }
      String parent = i > 0 ? elements[i - 1] : "";
      boolean underRuntime = parent.equals("docker") || parent.startsWith("pod");
      if (underRuntime && FULL_ID.matcher(element).matches()) {
        return element;
      }
    }
    return null;
  }

  private static boolean isUnit(String element) {
    for (String suffix : UNIT_SUFFIXES) {
      if (element.endsWith(suffix) && element.length() > suffix.length()) {
        return true;
      }
    }
    return false;
  }
}
