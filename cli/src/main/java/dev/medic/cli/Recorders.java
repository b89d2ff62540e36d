package dev.medic.cli;

import dev.medic.agent.FactRecorder;
import dev.medic.agent.MedicConfig;
import dev.medic.probes.HostRoot;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.facts.Fact;
import dev.medic.simulator.RecordingHeader;
import dev.medic.simulator.RecordingWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

/** The agent's recorder for {@code --record} and {@code medic record}: a simulator recording with its header. */
final class Recorders {

  private Recorders() {}

  /** Creates the recording now; its header names this host, its kernel and this Medic's pid. */
  static FactRecorder create(Path file, MedicConfig config) throws IOException {
    RecordingWriter writer = RecordingWriter.create(file, header(config, (int) ProcessHandle.current().pid()));
    return new FactRecorder() {
      @Override
      public Path file() {
        return file;
      }

      @Override
      public void write(List<Fact> sweep) {
        writer.write(sweep);
      }

      @Override
      public void close() throws IOException {
        writer.close();
      }
    };
  }

  static RecordingHeader header(MedicConfig c, int self) {
    return new RecordingHeader(RecordingHeader.FORMAT, RecordingHeader.VERSION, hostname(), kernel(c),
        System.currentTimeMillis(), c.interval().toMillis(), self);
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String kernel(MedicConfig c) {
    try {
      return KernelFiles.read(new HostRoot(c.hostRoot()).proc("sys/kernel/osrelease")).trim();
    } catch (IOException e) {
      return System.getProperty("os.version");
    }
  }
}
