package dev.medic.probes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Helpers for {@link ParserFuzzTest}: deterministic damage to a copied fixture host tree (the ways a kernel file can
 * be unreadable, truncated or garbled; every choice comes from the caller's seeded {@link Random}, so a failing
 * iteration is reproduced by its seed alone), tree copying, and the reflective access the parser table needs.
 */
final class FuzzKit {

  /**
   * What a mutation does to one file. {@code garbling} kinds make a value wrong rather than absent: after one of
   * them a reader must count the bad record or leave it out, never report it with a different value.
   */
  enum Kind {
    TRUNCATE(false),
    DELETE_LINES(false),
    EMPTY(false),
    DELETE_FILE(false),
    TO_DIRECTORY(false),
    DANGLING_SYMLINK(false),
    UNREADABLE(false), // chmod 000: root still reads it; kept for runs as a normal user
    WIDE_NUMBER(false), // a number past 2^31 or 2^32: legal for byte counts, garbage for a pid
    DUPLICATE_LINE(true),
    DIGIT_TO_LETTER(true),
    INSERT_GARBAGE(true),
    OVERFLOW_NUMBER(true);

    final boolean garbling;

    Kind(boolean garbling) {
      this.garbling = garbling;
    }
  }

  /** One applied mutation, printed in failure messages. */
  record Applied(Kind kind, String file, String detail) {
    @Override
    public String toString() {
      return kind + " " + file + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
  }

  /** Non-whitespace bytes a garbled file may hold: NUL, invalid UTF-8, and the separators the parsers split on. */
  private static final byte[] GARBAGE = {0, (byte) 0xFF, (byte) 0x80, 'x', '#', '%', ')', '(', ':', '='};

  /** Numbers past int and u32: valid for a byte count, too wide for a pid, ppid or int field. */
  private static final String[] WIDE = {"2147483648", "4294967296", "9223372036854775807"};

  /** Past every 64-bit integer: no kernel counter can hold it. */
  private static final String OVERFLOW = "99999999999999999999";

  private FuzzKit() {}

  /** Copies a directory tree; symlinks are copied as links. */
  static void copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, LinkOption.NOFOLLOW_LINKS); // a symlink stays a symlink (fd/ entries)
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a tree, restoring permissions first; symlinks are removed, not followed. */
  static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.delete(root);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Puts {@code file} back as it is in {@code pristine}, whatever a mutation turned it into. */
  static void restore(Path pristine, Path work, String file) {
    Path target = work.resolve(file);
    deleteTree(target);
    try {
      Files.copy(pristine.resolve(file), target, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The regular files of a tree, sorted, relative to it (stable across runs, so the seed picks the same ones). */
  static List<String> files(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .map(p -> root.relativize(p).toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Applies {@code kind} to {@code root/file}. */
  static Applied apply(Kind kind, Path root, String file, Random rnd) throws IOException {
    Path path = root.resolve(file);
    byte[] bytes = Files.readAllBytes(path);
    String text = new String(bytes, StandardCharsets.ISO_8859_1); // byte-for-byte, so offsets are byte offsets
    String detail = "";
    switch (kind) {
      case TRUNCATE -> {
        int at = bytes.length == 0 ? 0 : rnd.nextInt(bytes.length);
        write(path, Arrays.copyOf(bytes, at));
        detail = "at " + at + " of " + bytes.length;
      }
      case DELETE_LINES -> {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n && !lines.isEmpty(); i++) {
          lines.remove(rnd.nextInt(lines.size()));
        }
        writeText(path, String.join("\n", lines));
        detail = n + " lines";
      }
      case EMPTY -> write(path, new byte[0]);
      case DELETE_FILE -> Files.delete(path);
      case TO_DIRECTORY -> {
        Files.delete(path);
        Files.createDirectory(path);
      }
      case DANGLING_SYMLINK -> {
        Files.delete(path);
        Files.createSymbolicLink(path, path.resolveSibling("does-not-exist-" + rnd.nextInt(1000)));
      }
      case UNREADABLE -> Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("---------"));
      case DUPLICATE_LINE -> {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int i = rnd.nextInt(lines.size());
        lines.add(i, lines.get(i));
        writeText(path, String.join("\n", lines));
        detail = "line " + i;
      }
      case DIGIT_TO_LETTER -> {
        int at = randomDigit(text, rnd);
        if (at >= 0) {
          char letter = (char) ('a' + rnd.nextInt(26));
          writeText(path, text.substring(0, at) + letter + text.substring(at + 1));
          detail = "offset " + at + " '" + text.charAt(at) + "'->'" + letter + "'";
        }
      }
      case INSERT_GARBAGE -> {
        int at = bytes.length == 0 ? 0 : rnd.nextInt(bytes.length + 1);
        byte g = GARBAGE[rnd.nextInt(GARBAGE.length)];
        byte[] out = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, out, 0, at);
        out[at] = g;
        System.arraycopy(bytes, at, out, at + 1, bytes.length - at);
        write(path, out);
        detail = "0x" + Integer.toHexString(g & 0xFF) + " at " + at;
      }
      case WIDE_NUMBER, OVERFLOW_NUMBER -> {
        int at = randomDigit(text, rnd);
        int start = at;
        while (start > 0 && Character.isDigit(text.charAt(start - 1))) {
          start--;
        }
        // more digits after a decimal point are still a valid (if over-precise) number, not an overflow
        if (at >= 0 && (start == 0 || text.charAt(start - 1) != '.')) {
          int end = at;
          while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
          }
          String big = kind == Kind.OVERFLOW_NUMBER ? OVERFLOW : WIDE[rnd.nextInt(WIDE.length)];
          writeText(path, text.substring(0, start) + big + text.substring(end));
          detail = "'" + text.substring(start, end) + "'->'" + big + "'";
        }
      }
      default -> throw new IllegalStateException(kind.toString());
    }
    return new Applied(kind, file, detail);
  }

  /** A random index of a digit in text, or -1 when it has none. */
  private static int randomDigit(String text, Random rnd) {
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      if (Character.isDigit(text.charAt(i))) {
        candidates.add(i);
      }
    }
    return candidates.isEmpty() ? -1 : candidates.get(rnd.nextInt(candidates.size()));
  }

  private static void write(Path path, byte[] bytes) throws IOException {
    Files.write(path, bytes);
  }

  private static void writeText(Path path, String latin1) throws IOException {
    Files.write(path, latin1.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * The tree's files grouped by kind (stat, meminfo, memory.max, fd/N…), so that a mutation can pick a kind first:
   * twelve fd entries per process must not crowd out the one meminfo.
   */
  static List<List<String>> filesByKind(Path root) {
    Map<String, List<String>> kinds = new TreeMap<>();
    for (String f : files(root)) {
      Path p = Path.of(f);
      String name = p.getFileName().toString();
      kinds.computeIfAbsent(name.matches("\\d+") ? p.getParent().getFileName() + "/N" : name, k -> new ArrayList<>())
          .add(f);
    }
    return List.copyOf(kinds.values());
  }

  /** The static method {@code "proc.PidStat#parse"} of the probes package, accessible though package-private. */
  static Method staticMethod(String target) {
    String[] parts = target.split("#");
    try {
      Class<?> type = Class.forName(ProbeSweep.class.getPackageName() + "." + parts[0]);
      // parsers that also take bytes (PidStat.parse(byte[], int)) keep a String overload, which is the one fed
      Method m = Arrays.stream(type.getDeclaredMethods())
          .filter(x -> x.getName().equals(parts[1]) && Modifier.isStatic(x.getModifiers()))
          .min(Comparator.comparing((Method x) -> !List.of(x.getParameterTypes()).contains(String.class)))
          .orElseThrow(() -> new IllegalArgumentException("no static " + target));
      m.setAccessible(true);
      return m;
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("no class for " + target, e);
    }
  }

  /** Invokes a static method, rethrowing what it threw as itself. */
  static Object invoke(Method method, Object... args) throws Exception {
    try {
      return method.invoke(null, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      throw (Error) Objects.requireNonNull(cause);
    }
  }

  /** A record component's value. */
  static Object value(RecordComponent c, Object record) {
    try {
      return c.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
