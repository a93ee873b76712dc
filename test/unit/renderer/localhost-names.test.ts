/** The compare view's hint for browsers that cannot open compare-N.localhost (issue 12: one origin per compared persona). */
import { describe, expect, it } from 'vitest'
import { resolvesLocalhostNames } from '../../../src/renderer/src/lib/localhost-names'

describe('resolvesLocalhostNames', () => {
  it('is false for Safari only', () => {
    const safari = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15'
    expect(resolvesLocalhostNames(safari)).toBe(false)
    for (const ua of [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0',
      'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) qrvey-embed-workbench/0.1.0 Chrome/140.0.0.0 Electron/45.0.0 Safari/537.36',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36'
    ]) {
      expect(resolvesLocalhostNames(ua), ua).toBe(true)
    }
  })
})
