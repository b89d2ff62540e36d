/**
 * The {@code medic} command: {@link dev.medic.cli.MedicCli} and one thin picocli class per subcommand
 * ({@code probe}, {@code run}, {@code record}, {@code replay}, {@code validate}, {@code explain}, {@code test},
 * {@code schema}). A command wires the modules together, prints for people (or JSON with {@code --json}) and returns
 * an exit code ({@code 0} done, {@code 1} a problem with the input or the host, {@code 2} a usage error); the work
 * itself lives in the modules below it.
 *
 * <p>Text from the host (process names, command lines) is escaped before it reaches a terminal
 * ({@link dev.medic.cli.Printable}).
 */
package dev.medic.cli;
