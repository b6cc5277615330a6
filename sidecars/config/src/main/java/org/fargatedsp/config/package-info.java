/**
 * The one way every program here reads its configuration.
 *
 * <p>Each setting is a {@link org.fargatedsp.config.Key}, declared once with its name, type, range or
 * choices, default and a line of documentation. A {@link org.fargatedsp.config.ConfigReader} reads keys
 * out of the environment (or any map of settings), and collects every problem, each naming the variable
 * and the value ({@code PORT=abc: not a whole number}), so that one start shows everything wrong; a
 * {@link org.fargatedsp.config.ConfigException} carries them. {@link org.fargatedsp.config.DocsTable}
 * prints the documentation table from the keys, and {@link org.fargatedsp.config.OptionKeys} gives
 * picocli options their defaults from the same keys.
 *
 * <p>The conventions, the same for every program:
 * <ul>
 *   <li>a blank value is the same as no value: the default applies;
 *   <li>whole numbers may group digits with underscores ({@code 1_000_000}), and so may decimals;
 *   <li>booleans are {@code true}/{@code false}, {@code yes}/{@code no}, {@code on}/{@code off} or
 *       {@code 1}/{@code 0}, in any case;
 *   <li>a choice is one of an enum's constants, in any case, with {@code -} and {@code _} alike;
 *   <li>a list is comma-separated, each item trimmed, empty items dropped;
 *   <li>units are in the name and nowhere else: {@code _MS} and {@code _S} keys are durations in
 *       milliseconds or seconds, {@code _BYTES} keys are plain byte counts (no {@code KiB} suffixes, as
 *       {@code _MS} keys take no {@code s} suffix: the name already says the unit).
 * </ul>
 */
package org.fargatedsp.config;
