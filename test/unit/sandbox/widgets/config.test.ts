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
    expect(result.config.token).toBe('tok-1')
    expect(result.config.raw.dashboardId).toBe('overview')
  })

  it('accepts the token as qvToken (8.6+) too, and prefers it when both differ', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const modern = parseWidgetConfig({ domain: 'https://x.example', qvToken: 'new' }, 'an-panel')
    expect(modern.ok && modern.config.token).toBe('new')
    const both = parseWidgetConfig({ domain: 'https://x.example', qvToken: 'new', qv_token: 'old' }, 'an-panel')
    expect(both.ok && both.config.token).toBe('new')
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
    expect(!none.ok && none.message).toMatch(/no settings attribute/)
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
    expect(!noToken.ok && noToken.message).toMatch(/no token.*qvToken.*qv_token/)
    const apiKey = parseWidgetConfig({ domain: 'https://x.example', api_key: 'k' }, 'x')
    expect(!apiKey.ok && apiKey.message).toMatch(/API key but no token/)
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
