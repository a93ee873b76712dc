/**
 * The run as JUnit XML, the format CI systems read (Jenkins, GitLab, GitHub
 * test reporters): one <testsuite> per setup (and per persona), one
 * <testcase> per check; a failed check is a <failure>, a check that could not
 * run is <skipped>.
 */
import { browserLabel, totalsOf, type CaseResult, type CheckResult, type RunBrowser, type RunResult } from '../results'

/** Characters XML 1.0 cannot carry at all (control characters, lone surrogates) are replaced. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
}

function attr(text: string): string {
  return clean(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')
}

function body(text: string): string {
  return clean(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

const seconds = (ms: number) => (ms / 1000).toFixed(3)

function testcase(c: CaseResult, check: CheckResult, timeMs: number): string {
  const open = `    <testcase classname="${attr(c.name)}" name="${attr(check.name)}" time="${seconds(timeMs)}"`
  const text = [check.message, ...(check.detail ?? [])].join('\n')
  if (check.verdict === 'failed') return `${open}>\n      <failure message="${attr(check.message)}" type="${attr(check.name)}">${body(text)}</failure>\n    </testcase>`
  if (check.verdict === 'skipped') return `${open}>\n      <skipped message="${attr(check.message)}"/>\n    </testcase>`
  if (check.detail?.length) return `${open}>\n      <system-out>${body(text)}</system-out>\n    </testcase>`
  return `${open}/>`
}

function suite(c: CaseResult, timestamp: string, browser: RunBrowser | undefined): string {
  const failures = c.checks.filter((k) => k.verdict === 'failed').length
  const skipped = c.checks.filter((k) => k.verdict === 'skipped').length
  const properties = [
    ['setup', c.setupName],
    ['environment', c.environment],
    ['widget', c.widget],
    ...(c.persona ? [['persona', c.persona]] : []),
    ...(browser ? [['browser', browserLabel(browser)]] : [])
  ]
    .map(([name, value]) => `      <property name="${attr(name)}" value="${attr(value)}"/>`)
    .join('\n')
  const cases = c.checks.map((check) => testcase(c, check, check.name === 'widget rendered' ? c.durationMs : 0)).join('\n')
  return `  <testsuite name="${attr(c.name)}" tests="${c.checks.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(c.durationMs)}" timestamp="${timestamp}" file="${attr(c.setupFile)}">
    <properties>
${properties}
    </properties>
${cases}
  </testsuite>`
}

export function junitReport(run: RunResult): string {
  const t = totalsOf(run)
  const timestamp = run.startedAt.replace(/\.\d+Z$/, '')
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="qwb run" tests="${t.checks}" failures="${t.failed}" errors="0" skipped="${t.skipped}" time="${seconds(run.durationMs)}" timestamp="${timestamp}">
${run.cases.map((c) => suite(c, timestamp, run.browser)).join('\n')}
</testsuites>
`
}

