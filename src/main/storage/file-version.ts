/**
 * Telling one version of a file from another without reading it: the stat
 * fields every write changes. Used where a file is looked at on every token
 * request (environments.json, the secrets and settings stores) so that an
 * unchanged file costs a stat instead of a read and a parse (issue 15), and
 * any change, by the app, by git, by an editor, is still seen at once.
 */
import type { BigIntStats } from 'node:fs'

/** What identifies one version of a file: device, inode, size, and modification and change times in ns. */
export function fileVersion(stat: BigIntStats): string {
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`
}

/**
 * Timestamps are coarse on some file systems (FAT: 2 s, HFS+: 1 s), so a
 * write within that window of a read could leave the same stat behind. As in
 * git's "racily clean" rule, a version is trusted only when it was read more
 * than that window after its last change (and never one dated in the future,
 * a clock skewed across a network share); until then it is read every time.
 */
export const RACY_WINDOW_MS = 3000

/**
 * Whether a read taken at `readAtMs` (a clock reading taken BEFORE the stat)
 * can stand for this version until its stat changes. The change time counts
 * too: any write sets it, and no program can set it back.
 */
export function unchangedSince(stat: BigIntStats, readAtMs: number, windowMs: number): boolean {
  const changedMs = Number(stat.ctimeNs > stat.mtimeNs ? stat.ctimeNs : stat.mtimeNs) / 1e6
  return readAtMs - changedMs > windowMs
}
