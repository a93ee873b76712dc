import { afterEach, describe, expect, it, vi } from 'vitest'
import { parseWidgetConfig, readWidgetConfig, SELF_ID } from '../../../../src/sandbox/widgets/core/config'
import { defineWidget } from '../../../../src/sandbox/widgets/core/define'
import '../../../../src/sandbox/widgets/entries/widgets-launcher'
import '../../../../src/sandbox/widgets/entries/an-widgets'
import { mountWidget, waitFor } from './stub-server'

function element(tag: string, attribute: string, value: string): Element {
  const el = document.createElement(tag)
  el.setAttribute(attribute, value)
  return el
}

afterEach(() => {
  document.body.replaceChildren()
  vi.restoreAllMocks()
})

describe('reading the configuration the Qrvey way', () => {
  it('follows the settings attribute to the global variable it names', () => {
    const scope = { myConfig: { domain: 'http://127.0.0.1:9000/', qv_token: 'tok-1', dashboardId: 'overview' } }
    const result = readWidgetConfig(element('qrvey-end-user', 'settings', 'myConfig'), 'settings', scope)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.config.domain).toBe('http://127.0.0.1:9000')
    expect(result.config.auth).toEqual({ mode: 'token', token: 'tok-1' })
    expect(result.config.raw.dashboardId).toBe('overview')
  })

  it('accepts the token as qvToken (8.6+) too, and prefers it when both differ', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const modern = parseWidgetConfig({ domain: 'https://x.example', qvToken: 'new' }, 'an-panel')
    expect(modern.ok && modern.config.auth).toEqual({ mode: 'token', token: 'new' })
    const both = parseWidgetConfig({ domain: 'https://x.example', qvToken: 'new', qv_token: 'old' }, 'an-panel')
    expect(both.ok && both.config.auth).toEqual({ mode: 'token', token: 'new' })
    expect(warn).toHaveBeenCalledOnce()
  })

  it('accepts the other attribute name on every element', () => {
    const scope = { panelConfig: { domain: 'https://x.example', qvToken: 't' } }
    expect(readWidgetConfig(element('qrvey-end-user', 'config', 'panelConfig'), 'settings', scope).ok).toBe(true)
    expect(readWidgetConfig(element('an-panel', 'settings', 'panelConfig'), 'config', scope).ok).toBe(true)
  })

  it('uses the "me" placeholder for user and app unless the config names them', () => {
    const plain = parseWidgetConfig({ domain: 'https://x.example', qvToken: 't' }, 'x')
    expect(plain.ok && [plain.config.userId, plain.config.appId]).toEqual([SELF_ID, SELF_ID])
    const camel = parseWidgetConfig({ domain: 'https://x.example', qvToken: 't', userId: 'u1', appId: 'a1' }, 'x')
    expect(camel.ok && [camel.config.userId, camel.config.appId]).toEqual(['u1', 'a1'])
    const snake = parseWidgetConfig({ domain: 'https://x.example', qvToken: 't', user_id: 'u2', app_id: 'a2' }, 'x')
    expect(snake.ok && [snake.config.userId, snake.config.appId]).toEqual(['u2', 'a2'])
  })

  it('explains a missing attribute, an undefined variable and a non-object', () => {
    const none = readWidgetConfig(document.createElement('qrvey-end-user'), 'settings', {})
    expect(!none.ok && none.message).toMatch(/names no configuration: set its settings property or attribute/)
    const undef = readWidgetConfig(element('qrvey-end-user', 'settings', 'cfg'), 'settings', {})
    expect(!undef.ok && undef.message).toMatch(/window\.cfg, which is not defined/)
    const text = readWidgetConfig(element('qrvey-end-user', 'settings', 'cfg'), 'settings', { cfg: 'x' })
    expect(!text.ok && text.message).toMatch(/must be an object.*a string/)
  })

  it('names what is missing: domain, token, or a token instead of an API key', () => {
    const noDomain = parseWidgetConfig({ qvToken: 't' }, 'x')
    expect(!noDomain.ok && noDomain.message).toMatch(/no "domain"/)
    const badDomain = parseWidgetConfig({ domain: 'ftp://x', qvToken: 't' }, 'x')
    expect(!badDomain.ok && badDomain.message).toMatch(/http\(s\) URL/)
    const noToken = parseWidgetConfig({ domain: 'https://x.example' }, 'x')
    expect(!noToken.ok && noToken.message).toMatch(/no token.*qvToken.*qv_token.*apiKey/)
  })
})

describe('a widget with a bad configuration', () => {
  it('renders an error box and logs it instead of throwing', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const el = mountWidget('qrvey-end-user', 'settings', { domain: 'http://127.0.0.1:1' })
    await waitFor(() => el.dataset.qvState === 'config-error')
    const box = el.shadowRoot?.querySelector('[data-qv="error"]')
    expect(box?.textContent).toMatch(/no token/)
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/<qrvey-end-user> .*no token/))
  })

  it('says which global variable is missing', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const el = document.createElement('an-panel')
    el.setAttribute('config', 'panelConfigThatDoesNotExist')
    document.body.append(el)
    await waitFor(() => el.dataset.qvState === 'config-error')
    expect(el.shadowRoot?.textContent).toMatch(/window\.panelConfigThatDoesNotExist/)
  })
})

describe('defining the elements', () => {
  it('does not throw when a launcher defines an element twice', () => {
    class Other extends HTMLElement {}
    expect(() => defineWidget('qrvey-end-user', Other)).not.toThrow()
    expect(customElements.get('qrvey-end-user')).not.toBe(Other)
    expect(customElements.get('qrvey-builders')).toBeDefined()
    expect(customElements.get('an-dashboard')).toBeDefined()
    expect(customElements.get('an-panel')).toBeDefined()
  })
})

describe('the configuration name as a DOM property (QRVEY.md §2; the seed: `ancc.settings = \'config\'`)', () => {
  it('reads el.settings = "name" set before the element is added, with no attribute at all', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    ;(window as unknown as Record<string, unknown>).seedConfig = { domain: 'http://127.0.0.1:1', qv_token: 'tok-seed' }
    const el = document.createElement('qrvey-end-user') as HTMLElement & { settings: unknown }
    el.settings = 'seedConfig'
    expect(el.hasAttribute('settings')).toBe(false)
    const result = readWidgetConfig(el, 'settings', window)
    expect(result.ok && result.config.auth).toEqual({ mode: 'token', token: 'tok-seed' })
  })

  it('reads a property set on the element before the launcher defined it (an own property shadowing the accessor)', () => {
    const el = document.createElement('qv-late-widget') as HTMLElement & { settings?: unknown }
    el.settings = 'lateConfig'
    class Late extends (customElements.get('qrvey-end-user') as CustomElementConstructor) {}
    defineWidget('qv-late-widget', Late)
    document.body.append(el)
    customElements.upgrade(el)
    expect(el).toBeInstanceOf(Late)
    expect(Object.hasOwn(el, 'settings')).toBe(false)
    expect(el.settings).toBe('lateConfig')
  })

  it('uses config = "name" on an-panel / an-dashboard, and the other name too', () => {
    const scope = { p: { domain: 'https://x.example', qvToken: 't' } }
    const panel = document.createElement('an-panel') as HTMLElement & { config: unknown; settings: unknown }
    panel.config = 'p'
    expect(readWidgetConfig(panel, 'config', scope).ok).toBe(true)
    const view = document.createElement('qrvey-end-user') as HTMLElement & { config: unknown }
    view.config = 'p'
    expect(readWidgetConfig(view, 'settings', scope).ok).toBe(true)
  })
})

describe('API-key mode (widget-authentication.md: "API Key — for dev & testing only")', () => {
  const spellings: Array<[string, Record<string, string>]> = [
    ['8.6+ camelCase (apiKey/userId/appId)', { apiKey: 'k1', userId: 'u1', appId: 'a1' }],
    ['8.5 snake_case (api_key/user_id/app_id)', { api_key: 'k1', user_id: 'u1', app_id: 'a1' }],
    ["Qrvey's React/Vue/Angular samples (apikey/userid/appid)", { apikey: 'k1', userid: 'u1', appid: 'a1' }]
  ]
  for (const [label, keys] of spellings) {
    it(`accepts ${label} and warns that it is for development only`, () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
      const result = parseWidgetConfig({ domain: 'https://x.example', ...keys }, 'qrvey-end-user')
      expect(result.ok).toBe(true)
      if (!result.ok) return
      expect(result.config.auth).toEqual({ mode: 'apiKey', apiKey: 'k1' })
      expect([result.config.userId, result.config.appId]).toEqual(['u1', 'a1'])
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/API-key mode.*for dev & testing only.*qvToken/))
    })
  }

  it('takes clientid from the page only in API-key mode; with a token it is ignored with a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const key = parseWidgetConfig({ domain: 'https://x.example', apiKey: 'k', appId: 'a', clientid: 'c1' }, 'x')
    expect(key.ok && key.config.clientId).toBe('c1')
    const token = parseWidgetConfig({ domain: 'https://x.example', qvToken: 't', clientid: 'c1' }, 'x')
    expect(token.ok && token.config.clientId).toBeUndefined()
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/clientid.*ignored with a token/))
  })

  it('prefers the token when both a token and a key are in the page, and says the two do not go together', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const both = parseWidgetConfig({ domain: 'https://x.example', qvToken: 't', apiKey: 'k' }, 'x')
    expect(both.ok && both.config.auth).toEqual({ mode: 'token', token: 't' })
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/cannot be used together/))
  })
})
