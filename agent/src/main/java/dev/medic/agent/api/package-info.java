/**
 * The agent's HTTP API and web page on Vert.x Web: health, status, incidents with their plans, decisions and
 * evidence, pending approvals with approve and deny, the journal's tail and Prometheus metrics. Reads are open to
 * 127.0.0.1 and a configured address set; everything that changes anything needs the bearer token of a 0600 file.
 * Handlers never block the event loop: journal and evidence reads run on worker threads.
 */
package dev.medic.agent.api;
