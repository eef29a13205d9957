// Whether to colour: the command line's --color/--no-color, then FORCE_COLOR, then NO_COLOR, then
// whether the output is a terminal (https://no-color.org, and FORCE_COLOR as Node and chalk read it).

/**
 * Colour by default for a terminal; `FORCE_COLOR` (any value but `0` or `false`) turns it on even
 * for a pipe, `FORCE_COLOR=0` off, and a non-empty `NO_COLOR` off.
 */
export function colorFromEnvironment(env: Record<string, string | undefined>, isTerminal: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTerminal;
}

/** `--color` or `--no-color` when given (the last one given wins), else what the environment chose. */
export function colorOf(args: readonly string[], fromEnvironment: boolean | undefined): boolean {
  const last = args.filter((a) => a === '--color' || a === '--no-color').at(-1);
  return last === undefined ? (fromEnvironment ?? false) : last === '--color';
}
