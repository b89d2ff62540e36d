package dev.medic.probes.proc.net;

/**
 * One listening socket as a source saw it, before its owner is looked up.
 *
 * @param addr the local address as text ({@link Addresses})
 * @param port the local port
 * @param acceptQueue connections waiting to be accepted
 * @param backlog the accept queue's limit; null when the source does not give it (/proc/net/tcp)
 * @param inode the socket inode, 0 when unknown
 */
public record Listening(String addr, int port, long acceptQueue, Long backlog, long inode) {}
