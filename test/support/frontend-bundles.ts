/**
 * Builds each generated front end into one browser script for the tests,
 * from node_modules only (nothing from a CDN): React and Angular through
 * esbuild (JSX; TypeScript decorators, Angular in JIT mode with
 * @angular/compiler), Vue's single-file component through vue/compiler-sfc.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { build, type Plugin } from 'esbuild'
import { compileScript, compileTemplate, parse } from 'vue/compiler-sfc'

const ROOT = resolve(import.meta.dirname, '../..')

/** What the page needs besides the bundle: the element the framework mounts into. */
export interface FrontendBundle {
  js: string
  body: string
}

/** Compiles .vue files the way @vitejs/plugin-vue would, enough for one component. */
const vuePlugin: Plugin = {
  name: 'vue-sfc',
  setup(builder) {
    builder.onLoad({ filter: /\.vue$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises')
      const source = await readFile(args.path, 'utf8')
      const { descriptor, errors } = parse(source, { filename: args.path })
      if (errors.length) throw new Error(`Vue SFC parse errors: ${errors.map((e) => e.message).join('; ')}`)
      const id = 'qrvey'
      const script = compileScript(descriptor, { id, inlineTemplate: true })
      // inlineTemplate compiles the template into setup(); compileTemplate only to surface template errors.
      const template = compileTemplate({ source: descriptor.template!.content, filename: args.path, id })
      if (template.errors.length) throw new Error(`Vue template errors: ${template.errors.join('; ')}`)
      return { contents: script.content, loader: 'js', resolveDir: ROOT }
    })
  }
}

async function bundle(dir: string, entry: string, files: Record<string, string>): Promise<string> {
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text, 'utf8')
  const result = await build({
    entryPoints: [join(dir, entry)],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    nodePaths: [join(ROOT, 'node_modules')],
    define: { 'process.env.NODE_ENV': '"development"', ngDevMode: 'false', ngJitMode: 'true', ngServerMode: 'false' },
    jsx: 'automatic',
    loader: { '.jsx': 'jsx' },
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    plugins: [vuePlugin],
    logLevel: 'silent'
  })
  return result.outputFiles[0].text
}

export async function bundleFrontend(kind: 'react' | 'vue' | 'angular', componentSource: string): Promise<FrontendBundle> {
  await mkdir(join(ROOT, '.tmp'), { recursive: true })
  const dir = await mkdtemp(join(ROOT, '.tmp', `frontend-${kind}-`))
  if (kind === 'react') {
    const js = await bundle(dir, 'main.jsx', {
      'QrveyWidget.jsx': componentSource,
      // StrictMode mounts, unmounts and mounts again in development: the cleanup must leave one widget.
      'main.jsx': `import { StrictMode } from 'react'\nimport { createRoot } from 'react-dom/client'\nimport QrveyWidget from './QrveyWidget.jsx'\ncreateRoot(document.getElementById('app')).render(<StrictMode><QrveyWidget /></StrictMode>)\n`
    })
    return { js, body: '<div id="app"></div>' }
  }
  if (kind === 'vue') {
    const js = await bundle(dir, 'main.js', {
      'QrveyWidget.vue': componentSource,
      'main.js': `import { createApp } from 'vue'\nimport QrveyWidget from './QrveyWidget.vue'\ncreateApp(QrveyWidget).mount('#app')\n`
    })
    return { js, body: '<div id="app"></div>' }
  }
  const js = await bundle(dir, 'main.ts', {
    'qrvey-widget.component.ts': componentSource,
    'main.ts': `import '@angular/compiler'\nimport { provideZonelessChangeDetection } from '@angular/core'\nimport { bootstrapApplication } from '@angular/platform-browser'\nimport { QrveyWidgetComponent } from './qrvey-widget.component'\nbootstrapApplication(QrveyWidgetComponent, { providers: [provideZonelessChangeDetection()] }).catch((error) => console.error(error))\n`
  })
  return { js, body: '<app-qrvey-widget></app-qrvey-widget>' }
}
