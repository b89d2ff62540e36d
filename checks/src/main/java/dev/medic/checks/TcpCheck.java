package dev.medic.checks;

import java.net.Socket;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A connect to host:port, then a TLS handshake for {@code tcp} with {@code tls: true} and for {@code tls} (the
 * certificate check: the presented chain's earliest notAfter and the protocol). Nothing is sent.
 */
final class TcpCheck implements Check {

  @Override
  public void run(CheckSpec spec, String target, Attempt a) {
    if (spec instanceof CheckSpec.Tcp t) {
      connect(a, t.host(), t.port(), t.tls(), t.caFile());
    } else {
      CheckSpec.Tls t = (CheckSpec.Tls) spec;
      connect(a, t.host(), t.port(), true, t.caFile());
    }
    a.end();
  }

  private static void connect(Attempt a, String host, int port, boolean tls, Optional<Path> caFile) {
    a.host = host;
    a.port = port;
    Socket s = Connector.connect(a, Connector.resolve(a, host), port);
    if (tls) {
      Connector.handshake(a, s, host, port, caFile);
    }
  }
}
