/**
 * The window kinds, one class each, a record implementing {@code Window} with its {@code SYNTAX}: latest sample
 * (no window), {@code for}, {@code count}/{@code within}, {@code trend}|{@code rate}/{@code over},
 * {@code increased}/{@code by}, and {@code within} inside {@code not}. Registered in {@code Windows}.
 */
package dev.medic.engine.language.window;
