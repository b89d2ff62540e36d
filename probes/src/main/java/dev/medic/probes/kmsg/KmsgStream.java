package dev.medic.probes.kmsg;

import java.io.Closeable;
import java.io.IOException;

/** Where {@link KernelLogSource} gets its records: the kmsg device, a dump of it, or journalctl. */
interface KmsgStream extends Closeable {

  /**
   * The next record, blocking until one is logged when the stream follows the log; null at the end of a finite
   * stream or once the stream was closed. Garbled records are counted and skipped, not returned.
   */
  KmsgRecord next() throws IOException;
}
