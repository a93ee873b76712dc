/**
 * React, Vue and Angular components around the shared helper. Each is one
 * file a developer drops into an existing app; the page's dev server must
 * send /qrvey-token to the backend (a proxy entry), or the backend serves the
 * built app itself.
 */
import { CODE_CONTRACT as C, type CodeRequest } from '../model'
import { commentSafe } from '../backends/header'
import { mountHelper } from './core'

const proxyNote = (request: CodeRequest, where: string) =>
  [
    `${commentSafe(request.widget.name)} from Qrvey, with a token from your backend (GET ${C.endpoint}); renews itself on qvTokenExpired.`,
    `In development, proxy ${C.endpoint} to the backend (${where}); in production, serve both from one origin.`
  ]

export function reactComponent(request: CodeRequest): string {
  const [what, proxy] = proxyNote(request, `vite.config: server.proxy['${C.endpoint}'] = 'http://127.0.0.1:${C.defaultPort}'`)
  return `// QrveyWidget.jsx — ${what}
// ${proxy}
// Use: <QrveyWidget />
import { useEffect, useRef, useState } from 'react'

${mountHelper(request)}
export default function QrveyWidget() {
  const host = useRef(null)
  const [status, setStatus] = useState({ text: 'Loading…', isError: false })
  // Mount once; the cleanup removes the element and the listener (React may mount twice in development).
  useEffect(() => mountQrveyWidget(host.current, (text, isError) => setStatus({ text, isError })), [])
  return (
    <>
      <p role="status" style={{ margin: 0, color: status.isError ? '#b00020' : '#555' }}>{status.text}</p>
      <div ref={host} style={{ minHeight: '80vh' }} />
    </>
  )
}
`
}

export function vueComponent(request: CodeRequest): string {
  const [what, proxy] = proxyNote(request, `vite.config: server.proxy['${C.endpoint}'] = 'http://127.0.0.1:${C.defaultPort}'`)
  // <script setup> may not export; the helper stays local. inHtml: an SFC is split like HTML, so no "</script>" may appear in values.
  const helper = mountHelper(request, { inHtml: true }).replace(/^export /gm, '')
  return `<!-- QrveyWidget.vue — ${what.replace(/--/g, '- -')}
     ${proxy.replace(/--/g, '- -')}
     Use: <QrveyWidget /> -->
<script setup>
import { onBeforeUnmount, onMounted, ref } from 'vue'

${helper}
const host = ref(null)
const status = ref('Loading…')
const isError = ref(false)
let stop

onMounted(() => {
  stop = mountQrveyWidget(host.value, (text, error) => {
    status.value = text
    isError.value = error
  })
})
onBeforeUnmount(() => stop?.())
</script>

<template>
  <p role="status" :class="{ error: isError }">{{ status }}</p>
  <div ref="host" class="qrvey-widget" />
</template>

<style scoped>
p { margin: 0; color: #555; }
p.error { color: #b00020; }
.qrvey-widget { min-height: 80vh; }
</style>
`
}

export function angularComponent(request: CodeRequest): string {
  const [what, proxy] = proxyNote(request, `proxy.conf.json: { "${C.endpoint}": { "target": "http://127.0.0.1:${C.defaultPort}" } }`)
  return `// qrvey-widget.component.ts — ${what}
// ${proxy}
// Use: import QrveyWidgetComponent, then <app-qrvey-widget /> (standalone component, Angular 16+).
import { AfterViewInit, Component, ElementRef, OnDestroy, ViewChild, signal } from '@angular/core'

${mountHelper(request, { ts: true })}
@Component({
  selector: 'app-qrvey-widget',
  standalone: true,
  template: \`
    <p role="status" [class.error]="isError()">{{ status() }}</p>
    <div #host class="qrvey-widget"></div>
  \`,
  styles: ['p { margin: 0; color: #555; } p.error { color: #b00020; } .qrvey-widget { display: block; min-height: 80vh; }']
})
export class QrveyWidgetComponent implements AfterViewInit, OnDestroy {
  @ViewChild('host', { static: true }) private host!: ElementRef<HTMLElement>
  readonly status = signal('Loading…')
  readonly isError = signal(false)
  private stop?: () => void

  ngAfterViewInit(): void {
    this.stop = mountQrveyWidget(this.host.nativeElement, (text, error) => {
      this.status.set(text)
      this.isError.set(error)
    })
  }

  ngOnDestroy(): void {
    this.stop?.()
  }
}
`
}
