/**
 * The Angular component runs in Chromium in JIT mode (test/e2e/codegen-frontends.spec.ts),
 * where esbuild strips types without checking them. Here TypeScript checks it
 * in strict mode against Angular's own typings, hostile values included.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { findCodeLanguage } from '../../../../src/shared/codegen'
import { hostileRequest } from '../../../support/codegen-fixtures'

const ROOT = resolve(import.meta.dirname, '../../../..')

describe('generated Angular component', () => {
  it('type-checks in strict mode against @angular/core', () => {
    mkdirSync(join(ROOT, '.tmp'), { recursive: true })
    const dir = mkdtempSync(join(ROOT, '.tmp', 'angular-check-'))
    try {
      const file = join(dir, 'qrvey-widget.component.ts')
      writeFileSync(file, findCodeLanguage('angular')!.generate(hostileRequest('https://acme.qrveyapp.com')))
      const program = ts.createProgram([file], {
        strict: true,
        noEmit: true,
        experimentalDecorators: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
        skipLibCheck: true,
        types: []
      })
      const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
      expect(problems).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
