/**
 * Web Form Design (`qrvey-design-widgets`, web-forms.md): the form named by
 * `qrvey_id` with its questions, the records it has stored (Web Form End
 * User's submissions) and `style_options` applied. `app_type` (FORM / QUIZ /
 * SURVEY) must match the form's kind. Changing a form is marked as not
 * simulated offline.
 */
import { SANDBOX_EXTRA_PATHS, type WebformDesign } from '../../../shared/sandbox-extras-api'
import { configText } from '../core/config'
import { clear, h } from '../core/dom'
import { notSimulatedCard } from '../core/not-simulated'
import { header, messageBox, type WidgetContext } from '../core/widget-element'

const APP_TYPES = ['FORM', 'QUIZ', 'SURVEY']

export async function runWebformDesign(context: WidgetContext): Promise<void> {
  const { client, config, shell } = context
  const { userId, appId } = client.ids
  const qrveyId = configText(config, 'qrvey_id', 'qrveyId')
  const appType = configText(config, 'app_type', 'appType')?.toUpperCase()
  const problems: string[] = []
  if (qrveyId === undefined) problems.push('"qrvey_id" (the id of the web form to edit) is missing.')
  if (appType === undefined) problems.push('"app_type" (FORM, QUIZ or SURVEY) is missing.')
  else if (!APP_TYPES.includes(appType)) problems.push(`"app_type" must be FORM, QUIZ or SURVEY; got "${appType}".`)
  if (problems.length > 0 || qrveyId === undefined) {
    const text = problems.join(' ')
    console.error(`<${context.element.localName}> ${text}`)
    context.setState('config-error')
    clear(shell)
    shell.append(messageBox({ title: 'Web Form Design: configuration problem', text }, 'qv-standalone'))
    return
  }
  const design = await client.request<WebformDesign>('GET', SANDBOX_EXTRA_PATHS.webformDesign(userId, appId, qrveyId))
  const { form } = design
  clear(shell)
  shell.append(header(form.name, `Web Form Design · ${form.appType}`))
  if (appType !== form.appType) {
    console.warn(`<${context.element.localName}> app_type is "${appType}" but "${form.name}" is a ${form.appType}.`)
    shell.append(messageBox({ title: 'app_type does not match', text: `app_type is "${appType}" but "${form.name}" is a ${form.appType}; Qrvey opens the form as its own kind.` }))
  }
  shell.append(notSimulatedCard(context.element.localName, 'Changing a web form (adding, editing or removing questions)', 'The form is shown as published, with the records it stored in this sandbox run.'))
  const questions = h(
    'div',
    { class: 'qv-list', data: { qv: 'design-questions' } },
    form.questions.map((q, i) =>
      h('div', { class: 'qv-design-q', data: { qv: 'design-question', question: q.id } }, [
        h('span', { class: 'qv-meta', text: String(i + 1) }),
        h('span', { class: 'qv-qtype', text: q.type }),
        h('span', { text: q.text }),
        h('div', { class: 'qv-spacer' }),
        q.required ? h('span', { class: 'qv-pill', text: 'Required' }) : null
      ])
    )
  )
  const keys = form.questions.map((q) => q.id)
  const recent =
    design.recent.length === 0
      ? h('div', { class: 'qv-empty', text: 'No responses yet. Submit the form with Web Form End User (qrvey_hash ' + form.hash + ').' })
      : h('div', { class: 'qv-table-wrap' }, [
          h('table', { class: 'qv-table', data: { qv: 'design-responses' } }, [
            h('thead', {}, h('tr', {}, [h('th', { text: 'Submitted' }), ...keys.map((k) => h('th', { text: k }))])),
            h('tbody', {}, design.recent.map((r) => h('tr', {}, [h('td', { text: new Date(r.submittedAt).toLocaleTimeString() }), ...keys.map((k) => h('td', { text: r.answers[k] === undefined ? '' : String(r.answers[k]) }))])))
          ])
        ])
  shell.append(
    h('div', { class: 'qv-body qv-two' }, [
      h('section', { class: 'qv-card' }, [h('div', { class: 'qv-card-head' }, [h('span', { class: 'qv-card-title', text: `Questions (${form.questions.length})` }), h('span', { class: `qv-status qv-status-${form.status === 'ACTIVE' ? 'active' : 'paused'}`, text: form.status })]), questions]),
      h('section', { class: 'qv-card' }, [h('div', { class: 'qv-card-head' }, [h('span', { class: 'qv-card-title', text: 'Responses' }), h('span', { class: 'qv-meta', data: { qv: 'response-count', count: design.responseCount }, text: `${design.responseCount} stored` })]), recent])
    ])
  )
  context.setState('ready')
}
