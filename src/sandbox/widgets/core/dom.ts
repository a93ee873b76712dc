/**
 * A small element builder. Content goes in as text nodes (never as HTML), so
 * data from the API cannot inject markup, and listeners are attached with
 * addEventListener (the page's CSP forbids inline handlers).
 */

type Child = Node | string | number | null | undefined | false
export type Children = Child | Child[]

export interface Props {
  class?: string
  /** Sets `data-*`: { qv: 'panel' } -> data-qv="panel". */
  data?: Record<string, string | number | undefined>
  attrs?: Record<string, string | number | boolean | undefined>
  /** CSS properties through the CSSOM (allowed under a CSP without 'unsafe-inline'). */
  style?: Partial<Record<'gridColumn' | 'gridRow' | 'width' | 'height' | 'minHeight' | 'background' | 'color', string>>
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[K]) => void }>
  text?: string
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, children?: Children): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  if (props.class) el.className = props.class
  if (props.data) {
    for (const [key, value] of Object.entries(props.data)) if (value !== undefined) el.dataset[key] = String(value)
  }
  if (props.attrs) {
    for (const [key, value] of Object.entries(props.attrs)) {
      if (value === undefined || value === false) continue
      el.setAttribute(key, value === true ? '' : String(value))
    }
  }
  if (props.style) {
    for (const [key, value] of Object.entries(props.style)) if (value !== undefined) el.style[key as 'width'] = value
  }
  if (props.on) {
    for (const [type, listener] of Object.entries(props.on)) el.addEventListener(type, listener as EventListener)
  }
  if (props.text !== undefined) el.textContent = props.text
  append(el, children)
  return el
}

export function append(parent: Node, children: Children): void {
  const list = Array.isArray(children) ? children : [children]
  for (const child of list) {
    if (child === null || child === undefined || child === false) continue
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child)
  }
}

export function clear(el: Element | ShadowRoot): void {
  while (el.firstChild) el.firstChild.remove()
}

/** Simple line icons drawn with SVG elements (no icon font, no external files). */
export function icon(name: 'alert' | 'lock' | 'refresh' | 'plus' | 'left' | 'right' | 'close' | 'edit' | 'save' | 'download' | 'shield' | 'grid' | 'table' | 'up' | 'down'): SVGSVGElement {
  const NS = 'http://www.w3.org/2000/svg'
  const svg = document.createElementNS(NS, 'svg')
  svg.setAttribute('viewBox', '0 0 24 24')
  svg.setAttribute('width', '16')
  svg.setAttribute('height', '16')
  svg.setAttribute('aria-hidden', 'true')
  svg.setAttribute('class', 'qv-icon')
  const paths: Record<typeof name, string> = {
    alert: 'M12 9v4m0 4h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z',
    lock: 'M6 11h12v10H6zM8 11V7a4 4 0 0 1 8 0v4',
    refresh: 'M21 12a9 9 0 1 1-2.6-6.4M21 4v5h-5',
    plus: 'M12 5v14M5 12h14',
    left: 'M15 18l-6-6 6-6',
    right: 'M9 18l6-6-6-6',
    up: 'M18 15l-6-6-6 6',
    down: 'M6 9l6 6 6-6',
    close: 'M6 6l12 12M18 6 6 18',
    edit: 'M4 20h4L19 9l-4-4L4 16v4ZM13.5 6.5l4 4',
    save: 'M5 3h11l3 3v15H5zM8 3v6h8V3M8 21v-7h8v7',
    download: 'M12 3v12m0 0 5-5m-5 5-5-5M4 21h16',
    shield: 'M12 3 4 6v6c0 5 3.5 8 8 9 4.5-1 8-4 8-9V6l-8-3Z',
    grid: 'M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z',
    table: 'M3 5h18v14H3zM3 10h18M3 15h18M9 5v14'
  }
  const path = document.createElementNS(NS, 'path')
  path.setAttribute('d', paths[name])
  path.setAttribute('fill', 'none')
  path.setAttribute('stroke', 'currentColor')
  path.setAttribute('stroke-width', '2')
  path.setAttribute('stroke-linecap', 'round')
  path.setAttribute('stroke-linejoin', 'round')
  svg.append(path)
  return svg
}
