package dev.medic.agent.service;

import dev.medic.engine.journal.Journal;
import dev.medic.engine.journal.PruneEvent;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps {@code <stateDir>/evidence} bounded: incident folders older than {@code evidence.maxAge} are removed, then
 * the oldest while the total is above {@code evidence.maxTotal}. A folder touched in the last minute is left
 * alone (its actions may still be writing). It runs at start and hourly on its own thread, never on the decision
 * loop, and journals what it removed as a {@link PruneEvent}. Symbolic links are removed as links, never followed.
 */
public final class EvidenceRetention implements AutoCloseable {

  static final Duration BUSY = Duration.ofMinutes(1);

  private final Path root;
  private final Duration maxAge;
  private final long maxTotal;
  private final Journal journal;
  private final LongSupplier clock;
  private ScheduledExecutorService timer;

  public EvidenceRetention(Path root, Duration maxAge, long maxTotal, Journal journal, LongSupplier clock) {
    this.root = root;
    this.maxAge = maxAge;
    this.maxTotal = maxTotal;
    this.journal = journal;
    this.clock = clock;
  }

  /** Prunes now and then every {@code every}, on a daemon thread of its own. */
  public EvidenceRetention start(Duration every) {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "medic-retention");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::pruneQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void pruneQuietly() {
    try {
      prune();
    } catch (IOException | RuntimeException e) {
      System.err.println("medic: evidence retention failed: " + e.getMessage());
    }
  }

  private record Folder(Path dir, long modified, long bytes) {}

  /** One pass; the event it journalled, if it removed anything. */
  public synchronized Optional<PruneEvent> prune() throws IOException {
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    long now = clock.getAsLong();
    List<Folder> folders = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path d : dirs) {
        BasicFileAttributes a = Files.readAttributes(d, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        folders.add(new Folder(d, a.lastModifiedTime().toMillis(), a.isDirectory() ? size(d) : a.size()));
      }
    }
    folders.sort(Comparator.comparingLong(Folder::modified).thenComparing(f -> f.dir().getFileName().toString()));
    long total = folders.stream().mapToLong(Folder::bytes).sum();
    List<String> removed = new ArrayList<>();
    long freed = 0;
    boolean byAge = false;
    boolean bySize = false;
    for (Folder f : folders) {
      if (f.modified() > now - BUSY.toMillis()) {
        break; // sorted oldest first: the rest are newer still
      }
      boolean old = f.modified() <= now - maxAge.toMillis();
      boolean over = total > maxTotal;
      if (!old && !over) {
        break;
      }
      delete(f.dir());
      byAge |= old;
      bySize |= !old;
      removed.add(f.dir().getFileName().toString());
      freed += f.bytes();
      total -= f.bytes();
    }
    if (removed.isEmpty()) {
      return Optional.empty();
    }
    List<String> why = new ArrayList<>();
    if (byAge) {
      why.add("maxAge " + maxAge.toDays() + "d");
    }
    if (bySize) {
      why.add("maxTotal " + maxTotal + " bytes");
    }
    PruneEvent event = new PruneEvent(System.currentTimeMillis(), removed, freed, total, String.join(", ", why));
    journal.write(event);
    return Optional.of(event);
  }

  private static long size(Path dir) throws IOException {
    long[] sum = {0};
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        sum[0] += attrs.size();
        return FileVisitResult.CONTINUE;
      }
    });
    return sum[0];
  }

  private static void delete(Path dir) throws IOException {
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
