/** Tests of the service parts of the agent: lock, rotation, retention, reload, settings. */
package dev.medic.agent.service;
