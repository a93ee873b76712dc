/**
 * Where preview pages run (issue 12, "isolated previews"). The single preview
 * (and its pop-out window) runs on the preview server's own origin,
 * http://127.0.0.1:PORT. Each frame of the compare view runs on an origin of
 * its own on the same server, http://compare-N.localhost:PORT, N = 1..6: a
 * persona's page (which runs the widget, that is the Qrvey instance's script)
 * cannot reach a sibling frame's document, storage or token, since each
 * frame is another origin and, *.localhost having no registrable domain,
 * another site (its own cookies, its own renderer process).
 *
 * RFC 6761 reserves .localhost for loopback; Chromium (so Electron and the
 * browser mode's Chrome/Edge) and Firefox answer it without asking DNS, and
 * main pins it to loopback too (http/pinned-lookup.ts). WebKit (Safari) does
 * not resolve it (webkit.org/b/160504): there the compare frames cannot load.
 */
import { MAX_COMPARED_PERSONAS } from './personas/persona'

/** One origin per compared persona. */
export const COMPARE_ORIGIN_COUNT = MAX_COMPARED_PERSONAS

/** The host name of the compare view's frame number `slot` (0-based). */
export function compareHostName(slot: number): string {
  if (!Number.isInteger(slot) || slot < 0 || slot >= COMPARE_ORIGIN_COUNT) throw new RangeError(`compare frame ${slot} does not exist (0-${COMPARE_ORIGIN_COUNT - 1})`)
  return `compare-${slot + 1}.localhost`
}

/** Every compare frame's host name, in frame order. */
export const COMPARE_HOST_NAMES: readonly string[] = Array.from({ length: COMPARE_ORIGIN_COUNT }, (_, slot) => compareHostName(slot))

/** The compare frames' origins on a preview server listening on `port`, in frame order. */
export function compareOrigins(port: number): string[] {
  return COMPARE_HOST_NAMES.map((name) => `http://${name}:${port}`)
}

/**
 * The empty page the workbench's hidden keeper frame shows on the single
 * preview's origin, so that origin's renderer process outlives each preview
 * (main/preview/preview-server.ts says why).
 */
export const KEEP_ALIVE_PATH = '/keep-alive'
