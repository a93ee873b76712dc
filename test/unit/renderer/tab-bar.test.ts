import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import TabBar from '@renderer/components/TabBar.vue'

const TABS = [
  { id: 'a', label: 'Alpha' },
  { id: 'b', label: 'Beta' }
] as const

describe('TabBar', () => {
  it('renders an ARIA tab list, and clicks and arrow keys update the model', async () => {
    const wrapper = mount(TabBar, {
      props: { tabs: TABS, label: 'Things', idPrefix: 'x', testidPrefix: 'thing-', tabClass: 'tab', modelValue: 'a', 'onUpdate:modelValue': (v: string) => wrapper.setProps({ modelValue: v }) },
      slots: { extra: '<span class="count">3</span>' },
      attachTo: document.body
    })
    const [alpha, beta] = wrapper.findAll('[role="tab"]')
    expect(wrapper.attributes('aria-label')).toBe('Things')
    expect(alpha.attributes()).toMatchObject({ id: 'x-tab-a', 'aria-controls': 'x-panel-a', 'aria-selected': 'true', tabindex: '0', 'data-testid': 'thing-a' })
    expect(beta.attributes('tabindex')).toBe('-1')
    expect(alpha.find('.count').exists()).toBe(true)
    await beta.trigger('click')
    expect(wrapper.props('modelValue')).toBe('b')
    await wrapper.trigger('keydown', { key: 'ArrowRight' })
    expect(wrapper.props('modelValue')).toBe('a')
    expect(document.activeElement?.id).toBe('x-tab-a')
    wrapper.unmount()
  })
})
