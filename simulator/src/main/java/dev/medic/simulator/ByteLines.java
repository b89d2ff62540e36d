package dev.medic.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A file's lines as bytes, without a String per line: a replay decodes hundreds of thousands of lines, and the
 * decoder (Jackson's UTF-8 parser) reads bytes faster than the characters a {@code BufferedReader} would make.
 * The line buffer is reused: {@link #bytes()} is valid until the next {@link #next()}.
 */
final class ByteLines implements AutoCloseable {

  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private int pos;
  private int limit;
  private byte[] line = new byte[4096];
  private int length;

  private final int maxLine;

  /** Lines of at most {@code maxLine} bytes; a longer one fails {@link #next()}, before it fills memory. */
  ByteLines(InputStream in, int maxLine) {
    this.in = in;
    this.maxLine = maxLine;
  }

  /** Moves to the next line (without its {@code \n}); false at the end of the file. */
  boolean next() throws IOException {
    length = 0;
    boolean any = false;
    while (true) {
      if (pos == limit) {
        limit = in.read(buffer, 0, buffer.length);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          return any;
        }
      }
      any = true;
      int start = pos;
      while (pos < limit && buffer[pos] != '\n') {
        pos++;
      }
      append(start, pos - start);
      if (pos < limit) {
        pos++; // the newline
        return true;
      }
    }
  }

  byte[] bytes() {
    return line;
  }

  int length() {
    return length;
  }

  /** Only spaces, tabs or a carriage return. */
  boolean isBlank() {
    for (int i = 0; i < length; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private void append(int from, int n) throws IOException {
    if ((long) length + n > maxLine) {
      throw new IOException("a line longer than " + maxLine + " bytes; a recording's lines are far shorter");
    }
    if (length + n > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
    }
    System.arraycopy(buffer, from, line, length, n);
    length += n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
