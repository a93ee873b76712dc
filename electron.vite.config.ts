import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import type { Plugin, Rolldown } from 'vite'

type OutputChunk = Rolldown.OutputChunk
type CodeSplittingGroup = Rolldown.CodeSplittingGroup
type ChunkingContext = Rolldown.ChunkingContext

const root = import.meta.dirname
const shared = { '@shared': resolve(root, 'src/shared') }
/** The renderer's entry module (index.html's script). */
const ENTRY = resolve(root, 'src/renderer/src/main.ts')

/**
 * Issue 15: the token form's checks (src/renderer/src/lib/form-checks.ts: zod
 * and the shared schemas) are evaluated only once the form is usable, but
 * fetched with the page: index.html gets a modulepreload link for that chunk
 * and the chunks it imports, so the browser downloads and compiles them
 * while the first screen is drawn, without running them.
 */
function preloadFormChecks(): Plugin {
  return {
    name: 'workbench:preload-form-checks',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const chunks = Object.values(context.bundle ?? {}).flatMap((item) => (item.type === 'chunk' ? [item] : []))
        const checks = chunks.find((chunk) => chunk.facadeModuleId?.endsWith('/src/renderer/src/lib/form-checks.ts'))
        if (!checks) return html
        const linked = [...withStaticImports(chunks, checks)].filter((fileName) => !html.includes(fileName))
        return linked.map((fileName) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${fileName}` }, injectTo: 'head' as const }))
      }
    }
  }
}

/** A chunk and every chunk it imports statically (what the page needs before it runs a line of it). */
function withStaticImports(chunks: OutputChunk[], first: OutputChunk): Set<string> {
  const files = new Set<string>()
  const visit = (fileName: string) => {
    if (files.has(fileName)) return
    files.add(fileName)
    for (const imported of chunks.find((chunk) => chunk.fileName === fileName)?.imports ?? []) visit(imported)
  }
  visit(first.fileName)
  return files
}

/**
 * Issue 15: V8 compiles a function lazily, on the main thread, the first time
 * it runs; for the first screen that was a third of the script time in the
 * task that mounts the app. The explicit compile hint (a first-line
 * `//# allFunctionsCalledOnLoad`, Chromium 136 and later, so Electron 45
 * too) makes V8 compile the whole file as it arrives, off the main thread.
 * Only the entry and the chunks it imports get it: most of their functions
 * run before the form is usable; lazy chunks stay lazily compiled.
 */
function compileFirstScreenEagerly(): Plugin {
  return {
    name: 'workbench:compile-first-screen-eagerly',
    enforce: 'post',
    generateBundle: {
      // After Vite's own additions to the chunks (the preload helper's list goes first in a chunk).
      order: 'post',
      handler(_options, bundle) {
        const chunks = Object.values(bundle).flatMap((item) => (item.type === 'chunk' ? [item] : []))
        // The chunk holding the entry module: with the first-screen group it is that group's chunk, which Rolldown does not mark isEntry.
        const entry = chunks.find((chunk) => chunk.moduleIds.includes(ENTRY))
        if (!entry) throw new Error(`compile hint: no chunk holds ${ENTRY}`)
        for (const fileName of withStaticImports(chunks, entry)) {
          const chunk = chunks.find((item) => item.fileName === fileName)
          if (chunk && !chunk.code.startsWith(COMPILE_HINT)) chunk.code = `${COMPILE_HINT}\n${chunk.code}`
        }
      }
    }
  }
}
const COMPILE_HINT = '//# allFunctionsCalledOnLoad'

/**
 * Issue 15: the modules the first screen runs, in one chunk. Left to itself
 * the splitter cut them into 19 files (shared pieces of the lazy panels); in
 * browser mode Chromium fetches at most six at a time from one origin, so the
 * form waited ~330 ms for its scripts in queued rounds. The group takes every
 * module the entry reaches through static imports (Rolldown asks with the
 * module graph, see ChunkingContext); lazy chunks import from it as before.
 */
function firstScreenGroup(): CodeSplittingGroup {
  let firstScreen: Set<string> | undefined
  return {
    // A name function needs a label of its own in Rolldown's timing report (it warns on every build without one).
    debugName: 'first-screen',
    name: (id, context) => {
      firstScreen ??= staticallyReached(ENTRY, context)
      return firstScreen.has(id) ? 'first-screen' : null
    }
  }
}
function staticallyReached(entry: string, context: ChunkingContext): Set<string> {
  const reached = new Set<string>()
  const visit = (id: string) => {
    if (reached.has(id)) return
    reached.add(id)
    for (const imported of context.getModuleInfo(id)?.importedIds ?? []) visit(imported)
  }
  // A moved entry would leave the group empty and the page back to its queued rounds of scripts, silently.
  if (!context.getModuleInfo(entry)) throw new Error(`first-screen chunk: no module ${entry}; update ENTRY in electron.vite.config.ts`)
  visit(entry)
  return reached
}

export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      externalizeDeps: true,
      // The import worker (src/main/workspace/import-thread.ts) is a file of its own beside index.js.
      rollupOptions: { input: { index: resolve(root, 'src/main/index.ts'), 'import-worker': resolve(root, 'src/main/workspace/import-worker.ts') } }
    }
  },
  preload: {
    resolve: { alias: shared },
    build: {
      // A sandboxed preload cannot load ES modules or require anything but
      // 'electron', so the contract it uses is bundled in as CommonJS.
      externalizeDeps: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } }
    }
  },
  renderer: {
    resolve: {
      alias: [
        // Exactly 'zod' (not 'zod/v4'): zod configured for the CSP before any schema exists, see the module.
        { find: /^zod$/, replacement: resolve(root, 'src/renderer/src/lib/zod-jitless.ts') },
        { find: '@shared', replacement: shared['@shared'] },
        { find: '@renderer', replacement: resolve(root, 'src/renderer/src') }
      ]
    },
    plugins: [vue(), preloadFormChecks(), compileFirstScreenEagerly()],
    // Every component is <script setup>: Vue's Options API support is dead weight in the first screen's JS.
    define: { __VUE_OPTIONS_API__: 'false' },
    build: { sourcemap: false, minify: true, rolldownOptions: { output: { codeSplitting: { groups: [firstScreenGroup()] } } } }
  }
})
