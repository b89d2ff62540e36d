/** Tests of restart recovery: the pure restore function and engines restored from another engine's journal. */
package dev.medic.engine.state;
