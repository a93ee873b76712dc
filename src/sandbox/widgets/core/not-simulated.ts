/**
 * The honest answer where a simulation would be fiction: a card that says
 * what the real widget does and that the sandbox does not do it offline,
 * plus a console error (QRVEY.md §2; issue 8: "never a blank element").
 */
import { h, icon } from './dom'

export function notSimulatedCard(element: string, what: string, instead?: string): HTMLElement {
  console.error(`<${element}> ${what} is not simulated offline by the Qrvey sandbox.${instead ? ` ${instead}` : ''}`)
  return h('div', { class: 'qv-not-simulated', data: { qv: 'not-simulated' }, attrs: { role: 'note' } }, [
    icon('alert'),
    h('div', {}, [
      h('div', { class: 'qv-message-title', text: 'Not simulated offline' }),
      h('p', { class: 'qv-message-text', text: `${what} needs a real Qrvey instance; the offline sandbox does not pretend to do it.${instead ? ` ${instead}` : ''}` })
    ])
  ])
}
