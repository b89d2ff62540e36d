/**
 * Network namespaces: naming one ({@link dev.medic.probes.netns.NetNamespace}, keyed by the inode of its nsfs file),
 * and running work inside one ({@link dev.medic.probes.netns.NamespaceThread}: a dedicated thread that entered it
 * with {@code setns}). {@code /proc/<pid>/net/*} shows another namespace without entering it, but
 * {@code /proc/sys/net}, netlink sockets and new sockets follow the calling thread's namespace, so those reads run
 * on the namespace's thread. The libc calls the JDK lacks are bound with JNA in {@link dev.medic.probes.netns.LibC}.
 */
package dev.medic.probes.netns;
