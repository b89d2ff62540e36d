package dev.medic.probes.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link CgroupPaths}, on cgroup paths as docker, containerd, CRI-O, podman, kubelet and systemd make them. */
class CgroupPathsTest {

  private static final String ID = "27e398728627f6e465cae202fbebc805f95ef5ab9c918af25c9ff02d24f4d5de";
  private static final String POD_UID = "7f3c2a1e_5b4d_4c8e_9a6f_0123456789ab";

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        // systemd services, scopes, sockets, mounts
        "/system.slice/nginx.service, nginx.service, NULL",
        "/system.slice/system-getty.slice/getty@tty1.service, getty@tty1.service, NULL",
        "/system.slice/systemd-fsck@dev-disk-by\\x2duuid-1c2d.service, systemd-fsck@dev-disk-by\\x2duuid-1c2d.service,"
            + " NULL",
        "/user.slice/user-1000.slice/session-3.scope, session-3.scope, NULL",
        "/init.scope, init.scope, NULL",
        "/system.slice/dbus.socket, dbus.socket, NULL",
        "/system.slice/var-lib-docker-overlay2-x-merged.mount, var-lib-docker-overlay2-x-merged.mount, NULL",
        "/system.slice/docker.service, docker.service, NULL", // the daemon itself, not a container
        // a desktop app under the user's systemd: the host's unit is the user manager's service
        "/user.slice/user-1000.slice/user@1000.service/app.slice/app-org.gnome.Terminal.slice/vte-spawn-1a2b.scope,"
            + " user@1000.service, NULL",
        "/lxc.payload.web1/system.slice/nginx.service, nginx.service, NULL", // systemd inside an LXC container
        // docker, cgroupfs driver (v1) and systemd driver (v1 and v2)
        "/docker/" + ID + ", NULL, " + ID,
        "/system.slice/docker-" + ID + ".scope, docker-" + ID + ".scope, " + ID,
        "/docker/" + ID + "/docker/875634580f43432a599fe8f5894ab2279e5f2aeffbc919af26fe5cfadb4582a1, NULL, " + ID,
        // kubelet, cgroupfs driver: the container directory is the bare id under the pod
        "/kubepods/burstable/pod7f3c2a1e-5b4d-4c8e-9a6f-0123456789ab/" + ID + ", NULL, " + ID,
        "/kubepods/pod7f3c2a1e-5b4d-4c8e-9a6f-0123456789ab/" + ID + ", NULL, " + ID, // guaranteed QoS
        "/kubepods/besteffort/pod7f3c2a1e-5b4d-4c8e-9a6f-0123456789ab/crio-" + ID + ", NULL, " + ID,
        // kubelet, systemd driver: containerd and CRI-O scopes
        "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + POD_UID + ".slice/cri-containerd-" + ID
            + ".scope, cri-containerd-" + ID + ".scope, " + ID,
        "/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod" + POD_UID + ".slice/crio-" + ID
            + ".scope, crio-" + ID + ".scope, " + ID,
        "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + POD_UID + ".slice, NULL, NULL", // pod only
        // podman
        "/machine.slice/libpod-" + ID + ".scope, libpod-" + ID + ".scope, " + ID,
        "/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" + ID + ".scope, user@1000.service, " + ID,
        // the runtimes' monitor processes live next to the container, not in it
        "/machine.slice/libpod-conmon-" + ID + ".scope, libpod-conmon-" + ID + ".scope, NULL",
        "/system.slice/crio-conmon-" + ID + ".scope, crio-conmon-" + ID + ".scope, NULL",
        // not container ids: too short, not hex, no runtime parent
        "/docker/deadbeef, NULL, NULL",
        "/docker/abc, NULL, NULL",
        "/system.slice/docker-deadbeef.scope, docker-deadbeef.scope, NULL",
        "/build/" + ID + ", NULL, NULL",
        "/system.slice/docker-" + ID + "X.scope, docker-" + ID + "X.scope, NULL",
        // nothing to find
        "/, NULL, NULL",
        "'', NULL, NULL",
        "/user.slice, NULL, NULL",
        "/.service, NULL, NULL",
      })
  void unitAndContainer(String path, String unit, String container) {
    assertEquals(unit, CgroupPaths.unit(path), "unit");
    assertEquals(container, CgroupPaths.container(path), "container");
  }

  @Test
  void nullPath() {
    assertNull(CgroupPaths.unit(null));
    assertNull(CgroupPaths.container(null));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(nullValues = "NULL", value = {"/a/b/c, /a/b", "/a, /", "/, NULL", "'', NULL"})
  void parent(String cgroup, String expected) {
    String actual = CgroupPaths.parent(cgroup);
    if (expected == null) {
      assertNull(actual);
    } else {
      assertEquals(expected, actual);
    }
  }
}
