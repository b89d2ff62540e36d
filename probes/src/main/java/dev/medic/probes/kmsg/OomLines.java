package dev.medic.probes.kmsg;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the lines of the kernel's OOM report ({@code mm/oom_kill.c}, {@code mm/memcontrol.c}), one method per
 * line shape, each returning null when the message is not that line. A comm is up to 15 bytes the task chose
 * itself and may contain spaces, parentheses and commas, so every parser finds the comm's end by the text the
 * kernel prints after it, searching from the right.
 */
final class OomLines {

  private static final String INVOKED = " invoked oom-killer: ";
  private static final String KILLED = "Killed process ";
  private static final String MEMCG_PREFIX = "Memory cgroup out of memory: ";
  private static final String GLOBAL_PREFIX = "Out of memory: ";
  private static final String GROUP = " are going to be killed due to memory.oom.group set";

  /**
   * {@code oom-kill:constraint=…,global_oom|oom_memcg=…,task_memcg=…,task=comm,pid=N,uid=N} (4.19+). nodemask and
   * mems_allowed may hold commas; the first {@code ,task=} ends task_memcg (a comm cannot move it earlier) and the
   * last {@code ,pid=} ends the comm.
   */
  private static final Pattern CONSTRAINT = Pattern.compile("oom-kill:constraint=([^,]*)(?:,.*?)?"
      + "(,global_oom,|,oom_memcg=(.*?),)task_memcg=(.*?),task=(.*),pid=(\\d+),uid=(\\d+)");
  /** 4.x–5.0: {@code Out of memory: Kill process N (comm) score S or sacrifice child}. */
  private static final Pattern SACRIFICE =
      Pattern.compile("Kill process (\\d+) \\((.*)\\) score \\d+ or sacrifice child");
  private static final Pattern SIZE = Pattern.compile("([A-Za-z_-]+):(-?\\d+)(kB)?");
  private static final Pattern TASK_IN = Pattern.compile("Task in (.*) killed as a result of limit of (.*)");
  private static final Pattern REAPED = Pattern.compile("oom_reaper: reaped process (\\d+) \\(.*\\), now .*");

  private OomLines() {}

  /** {@code tail invoked oom-killer: gfp_mask=…}: the invoking task's comm. */
  static String invoker(String message) {
    int at = message.lastIndexOf(INVOKED);
    return at > 0 ? message.substring(0, at) : null;
  }

  record Constraint(String constraint, boolean global, String oomCgroup, String taskCgroup, String task, int pid,
      int uid) {}

  static Constraint constraint(String message) {
    if (!message.startsWith("oom-kill:")) {
      return null;
    }
    Matcher m = CONSTRAINT.matcher(message);
    if (!m.matches()) {
      return null;
    }
    Integer pid = toInt(m.group(6));
    Integer uid = toInt(m.group(7));
    if (pid == null || uid == null) {
      return null;
    }
    boolean global = m.group(2).equals(",global_oom,");
    return new Constraint(m.group(1), global, global ? null : m.group(3), m.group(4), m.group(5), pid, uid);
  }

  /**
   * The {@code Killed process} line. {@code memcg} is true/false from the {@code Memory cgroup out of memory:} /
   * {@code Out of memory:} prefix, null on kernels before 5.1 that print no prefix. Sizes are kB as logged.
   */
  record Killed(Boolean memcg, int pid, String comm, Map<String, Long> fields) {}

  static Killed killed(String message) {
    Boolean memcg = null;
    String rest = message;
    if (rest.startsWith(MEMCG_PREFIX)) {
      memcg = true;
      rest = rest.substring(MEMCG_PREFIX.length());
    } else if (rest.startsWith(GLOBAL_PREFIX)) {
      memcg = false;
      rest = rest.substring(GLOBAL_PREFIX.length());
    }
    if (!rest.startsWith(KILLED)) {
      return null;
    }
    int open = rest.indexOf(" (", KILLED.length());
    int close = rest.lastIndexOf(") total-vm:");
    Integer pid = open < 0 ? null : toInt(rest.substring(KILLED.length(), open));
    if (pid == null || close < open + 2) {
      return null;
    }
    Map<String, Long> fields = new HashMap<>();
    // each "name:value[kB]" token whole: a garbled one (anon-rss:2z41kB) is left out, never read as a shorter number
    for (String token : rest.substring(close + 2).split("[,\\s]+")) {
      Matcher m = SIZE.matcher(token);
      if (m.matches() && m.group(2).length() <= 18) {
        fields.putIfAbsent(m.group(1), Long.parseLong(m.group(2)));
      }
    }
    return new Killed(memcg, pid, rest.substring(open + 2, close), fields);
  }

  /** The pre-5.1 {@code Kill process … or sacrifice child} line: true for a memcg OOM, false global, else null. */
  static Boolean sacrificeIsMemcg(String message) {
    if (message.startsWith(MEMCG_PREFIX) && SACRIFICE.matcher(message.substring(MEMCG_PREFIX.length())).matches()) {
      return true;
    }
    if (message.startsWith(GLOBAL_PREFIX) && SACRIFICE.matcher(message.substring(GLOBAL_PREFIX.length())).matches()) {
      return false;
    }
    return null;
  }

  /** Pre-4.19 memcg OOM: {@code Task in /a killed as a result of limit of /b} → {task cgroup, OOM cgroup}. */
  static String[] taskIn(String message) {
    Matcher m = TASK_IN.matcher(message);
    return m.matches() ? new String[] {m.group(1), m.group(2)} : null;
  }

  /** {@code Tasks in /x are going to be killed due to memory.oom.group set}: more kills of the same OOM follow. */
  static boolean groupKill(String message) {
    return message.startsWith("Tasks in ") && message.endsWith(GROUP);
  }

  /** {@code oom_reaper: reaped process N (comm), now anon-rss:0kB, …}: the pid, or -1. */
  static int reapedPid(String message) {
    Matcher m = REAPED.matcher(message);
    Integer pid = m.matches() ? toInt(m.group(1)) : null;
    return pid == null ? -1 : pid;
  }

  static Integer toInt(String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
