/**
 * Each compare frame runs on http://compare-N.localhost:PORT (shared/preview-origins.ts).
 * Chromium-based browsers and Firefox resolve *.localhost to this machine by
 * themselves; Safari (WebKit, webkit.org/b/160504) does not, so in browser
 * mode there the compare frames cannot load. The compare view says so.
 */
export function resolvesLocalhostNames(userAgent: string): boolean {
  // Safari's user agent carries "Safari" and "AppleWebKit"; Chrome, Edge and Opera (and Chrome/Firefox on iOS) name themselves too.
  const webkitOnly = /AppleWebKit/.test(userAgent) && !/(Chrome|Chromium|CriOS|Edg|OPR|Firefox|FxiOS|Electron)\//.test(userAgent)
  return !webkitOnly
}

export const LOCALHOST_NAMES_HINT =
  'This browser does not open *.localhost addresses (Safari), and each compared preview runs on one of its own (compare-1.localhost, …): use Chrome, Edge or Firefox for this view, or the desktop app.'
