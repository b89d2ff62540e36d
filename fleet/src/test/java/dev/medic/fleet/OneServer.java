package dev.medic.fleet;

import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** A real in-process ZooKeeper server for a test class; each test's coordinators, under their own chroot, closed. */
abstract class OneServer {

  static TestingServer server;
  Members members;

  @BeforeAll
  static void startServer() throws Exception {
    server = new TestingServer(true);
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @AfterEach
  void closeMembers() throws Exception {
    if (members != null) {
      members.close();
    }
  }
}
