/**
 * `qwb run` starts a case once the one before has its verdict; what is left
 * of that one is its wait for late errors (render-widget.ts, GRACE_MS), which
 * now runs beside the next case instead of before it (issue 15). This checks
 * that the overlap costs nothing a user relies on: an error a widget logs
 * after it said it was ready is still its case's failure (not the next
 * case's, not lost), and results come in the order of the cases. A real
 * server on loopback serves a widget script that says ready and then logs
 * an error naming its own page; real Chromium renders it.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONFIG_VARIABLE } from '../../../src/shared/host-page'
import { runCommand } from '../../../src/cli/commands/run'
import { findWidget } from '../../../src/shared/widget-catalog'
import { startServer, type RunningServer } from '../../support/failure-servers'
import { demoSetup, runQwb, writeEnvironments, writeSetup } from '../../support/qwb-run-fixtures'
import { makeTempDir } from '../../support/temp-dir'

const KEY = 'qrvkOverlap0123456789abcdef0042'
const temp = makeTempDir('qwb-run-overlap-')
const ws = temp.dir
let server: RunningServer
/** The single panel widget's element (a widget whose own loaded state is the verdict: no qvDSHItemsLoaded to wait for). */
const element = findWidget('single-panel')!.element

beforeAll(async () => {
  server = await startServer((req, res, body) => {
    if (req.url?.startsWith('/devapi/v4/core/login/token')) {
      // The token names the setup it was asked for (its userid), so the page can say whose it is.
      res.writeHead(200, { 'content-type': 'application/json' })
      return void res.end(JSON.stringify({ token: `opaque-token-for-${(JSON.parse(body) as { userid: string }).userid}-abcdefghijklmnop` }))
    }
    if (req.url?.split('?')[0].endsWith('.js')) {
      // The widget: ready at once, then an error 150 ms later (inside the 300 ms a render waits for late errors),
      // naming the user it was configured for.
      res.writeHead(200, { 'content-type': 'application/javascript', 'access-control-allow-origin': '*' })
      return void res.end(`customElements.define(${JSON.stringify(element)}, class extends HTMLElement {
  connectedCallback() {
    this.textContent = 'panel';
    this.setAttribute('data-qv-state', 'ready');
    var who = JSON.stringify(window[${JSON.stringify(CONFIG_VARIABLE)}] || {}).match(/opaque-token-for-([a-z0-9-]+?)-abc/);
    setTimeout(function () { console.error('late error of ' + (who ? who[1] : 'an unknown user')); }, 150);
  }
});`)
    }
    res.writeHead(404, { 'content-type': 'application/json' })
    res.end('{}')
  })
  writeEnvironments(ws, [{ name: 'Late', domain: server.url }])
  for (const name of ['first', 'second', 'third']) {
    const setup = demoSetup('single-panel', { environment: 'Late', name: `Case ${name}` })
    writeSetup(join(ws, 'cases'), `${name}.json`, { ...setup, token: { ...setup.token, userid: `user-${name}` } })
  }
})

afterAll(async () => {
  await server?.close()
  temp.cleanup()
})

describe('qwb run: a case starts while the one before waits for late errors', () => {
  it('each late error stays with its own case, results in case order, and the next case started before the one before it reported', async () => {
    const result = await runQwb([join(ws, 'cases'), '--workspace', ws, '--reporter', 'json', '--timeout', '10'], { QWB_KEY_LATE: KEY }, join(ws, 'data'))
    const report = JSON.parse(result.out) as { cases: Array<{ name: string; checks: Array<{ name: string; verdict: string; message: string }> }> }
    expect(report.cases.map((c) => c.name)).toEqual(['Case first', 'Case second', 'Case third'])
    for (const c of report.cases) {
      const rendered = c.checks.find((check) => check.name === 'widget rendered')
      const consoleErrors = c.checks.find((check) => check.name === 'no console errors')
      expect(rendered?.verdict, c.name).toBe('passed')
      // Its own late error, and only its own: the grace was not cut short, and pages did not mix.
      const user = `user-${c.name.replace('Case ', '')}`
      expect(consoleErrors?.verdict, c.name).toBe('failed')
      expect(consoleErrors?.message, c.name).toContain(`late error of ${user}`)
      expect(consoleErrors?.message, c.name).toMatch(/^1 console error\(s\)/)
    }
    // Progress and summaries both go to stderr with a JSON report on stdout: the second case's
    // progress line comes before the first case's summary (it started at the first one's verdict),
    // and the summaries keep the cases' order.
    const lines = result.err.split('\n')
    const at = (text: string) => lines.findIndex((line) => line.includes(text))
    expect(at('[2/3] Case second')).toBeGreaterThan(-1)
    expect(at('[2/3] Case second')).toBeLessThan(lines.findIndex((line) => !line.startsWith('[') && line.includes('Case first')))
    const summaries = lines.filter((line) => !line.startsWith('[') && /Case (first|second|third)/.test(line)).map((line) => /Case (\w+)/.exec(line)?.[1])
    expect(summaries.slice(0, 3)).toEqual(['first', 'second', 'third'])
    expect(result.code).toBe(1)
  })

  it('in a terminal, a summary that clears the progress line puts back the line of the case still running', async () => {
    const writes: string[] = []
    const code = await runCommand([join(ws, 'cases'), '--workspace', ws, '--reporter', 'json', '--timeout', '10'], { out: () => {}, err: (text) => void writes.push(text) }, { CHROMIUM_PATH: process.env.CHROMIUM_PATH, QWB_DATA_DIR: join(ws, 'data'), QWB_KEY_LATE: KEY }, true)
    expect(code).toBe(1)
    // The live summaries (the failed cases' details follow them at the end).
    const summaries = writes.map((text, index) => ({ text, index })).filter(({ text }) => /Case (first|second|third)/.test(text) && text.endsWith('\n')).slice(0, 3)
    expect(summaries.map(({ text }) => /Case (\w+)/.exec(text)?.[1])).toEqual(['first', 'second', 'third'])
    // After the first summary a later case is running (it started at the first one's verdict): its line is shown again.
    expect(writes[summaries[0].index + 1]).toMatch(/^\[[23]\/3\] Case (second|third)…$/)
    // After the last one nothing is running, and nothing is put back.
    expect(writes.slice(summaries[2].index + 1).join('')).not.toMatch(/\[\d\/3\]/)
  })
})
