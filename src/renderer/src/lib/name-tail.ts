/**
 * Names the workbench makes distinct by a suffix — "Acme (imported)",
 * "Acme (imported) (2)", "Copy of Acme (3)" — lose that suffix first when
 * a narrow list truncates them at the end, and two rows look the same
 * (issue 11). The list shows the suffix apart, never truncated, and
 * truncates only the part before it (a middle ellipsis).
 */

/** Trailing parenthesised groups, each short: "(2)", "(imported)", "(restored) (2)", "(prod)". */
const TAIL = /(?:\s\([^()]{1,24}\))+$/

export function splitNameTail(name: string): { head: string; tail: string } {
  const match = TAIL.exec(name)
  // A name that is only a suffix keeps it all as the head (nothing to truncate before it).
  if (!match || match.index === 0) return { head: name, tail: '' }
  return { head: name.slice(0, match.index), tail: name.slice(match.index) }
}
