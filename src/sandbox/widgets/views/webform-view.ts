/**
 * Web Form End User (`qrvey-webform-enduser`, web-form-end-user.md): the form
 * found by `qrvey_hash` on `domain`, no token; submitting stores a record in
 * the sandbox (POST .../response) and thanks the user. The server checks the
 * answers again; its messages show beside the form.
 */
import { SANDBOX_EXTRA_PATHS, type Webform, type WebformAnswers, type WebformQuestion, type WebformResponse } from '../../../shared/sandbox-extras-api'
import { SandboxApiError } from '../core/api'
import { configText } from '../core/config'
import { clear, h } from '../core/dom'
import { apiErrorBox, messageBox, type WidgetContext } from '../core/widget-element'

export async function runWebformEndUser(context: WidgetContext): Promise<void> {
  const { client, config, shell } = context
  const hash = configText(config, 'qrvey_hash', 'qrveyHash')
  if (hash === undefined) {
    const text = 'Web Form End User needs "qrvey_hash" in its configuration: the id of the web form to show.'
    console.error(`<${context.element.localName}> ${text}`)
    context.setState('config-error')
    clear(shell)
    shell.append(messageBox({ title: 'Web form: configuration problem', text }, 'qv-standalone'))
    return
  }
  const form = await client.request<Webform>('GET', SANDBOX_EXTRA_PATHS.publicWebform(hash))
  render()

  function render(): void {
    clear(shell)
    const answers: WebformAnswers = {}
    const errorSlot = h('div', { data: { qv: 'form-errors' } })
    const fields = form.questions.map((question) => field(question, answers))
    const submit = h('button', { class: 'qv-btn qv-btn-primary', data: { qv: 'form-submit' }, attrs: { type: 'submit' }, text: 'Submit' })
    const formEl = h(
      'form',
      {
        class: 'qv-form',
        data: { qv: 'webform', formId: form.id },
        attrs: { novalidate: true, 'aria-label': form.name },
        on: {
          submit: (event) => {
            event.preventDefault()
            submit.disabled = true
            context.action(async () => {
              try {
                const stored = await client.request<WebformResponse>('POST', SANDBOX_EXTRA_PATHS.publicWebformResponse(hash!), { answers })
                thanks(stored)
              } catch (error) {
                submit.disabled = false
                if (!(error instanceof SandboxApiError) || error.status === 401) throw error
                clear(errorSlot)
                errorSlot.append(apiErrorBox(error))
              }
            })
          }
        }
      },
      [h('h2', { text: form.name }), h('p', { text: form.description }), ...fields, errorSlot, h('div', {}, submit)]
    )
    shell.append(h('div', { class: 'qv-body' }, formEl))
    context.setState('ready')
  }

  function thanks(stored: WebformResponse): void {
    clear(shell)
    shell.append(
      h('div', { class: 'qv-body' }, [
        h('div', { class: 'qv-form qv-thanks', data: { qv: 'form-thanks', responseId: stored.id } }, [
          h('h2', { text: 'Thank you!' }),
          h('p', { text: `Your response to "${form.name}" was stored (record ${stored.id}, ${new Date(stored.submittedAt).toLocaleTimeString()}).` }),
          h('div', {}, h('button', { class: 'qv-btn', data: { qv: 'form-again' }, attrs: { type: 'button' }, on: { click: render }, text: 'Submit another response' }))
        ])
      ])
    )
  }
}

function field(question: WebformQuestion, answers: WebformAnswers): HTMLElement {
  const id = `q-${question.id}`
  const label = h('label', { class: 'qv-label', attrs: { for: id } }, [question.text, question.required ? h('span', { class: 'qv-required', attrs: { 'aria-hidden': 'true' }, text: '*' }) : null])
  const set = (value: string | number | boolean | undefined): void => {
    if (value === undefined || value === '') delete answers[question.id]
    else answers[question.id] = value
  }
  let control: HTMLElement
  switch (question.type) {
    case 'LONGTEXT':
      control = h('textarea', { class: 'qv-textarea', data: { qv: 'form-input', question: question.id }, attrs: { id, required: question.required }, on: { input: (e) => set((e.target as HTMLTextAreaElement).value) } })
      break
    case 'DROPDOWN':
      control = h(
        'select',
        { class: 'qv-select', data: { qv: 'form-input', question: question.id }, attrs: { id, required: question.required }, on: { change: (e) => set((e.target as HTMLSelectElement).value) } },
        [h('option', { attrs: { value: '' }, text: 'Choose…' }), ...(question.options ?? []).map((o) => h('option', { attrs: { value: o }, text: o }))]
      )
      break
    case 'RATING': {
      const buttons: HTMLButtonElement[] = []
      for (let n = 1; n <= (question.max ?? 5); n++) {
        const button = h('button', {
          data: { qv: 'form-rating', question: question.id, value: n },
          attrs: { type: 'button', 'aria-pressed': 'false', 'aria-label': `${n} of ${question.max ?? 5}` },
          text: String(n),
          on: {
            click: () => {
              set(n)
              for (const b of buttons) b.setAttribute('aria-pressed', String(b === button))
            }
          }
        })
        buttons.push(button)
      }
      control = h('div', { class: 'qv-rating', attrs: { id, role: 'group', 'aria-label': question.text } }, buttons)
      break
    }
    case 'YES_NO':
      control = h(
        'select',
        { class: 'qv-select', data: { qv: 'form-input', question: question.id }, attrs: { id }, on: { change: (e) => { const v = (e.target as HTMLSelectElement).value; set(v === '' ? undefined : v === 'yes') } } },
        [h('option', { attrs: { value: '' }, text: 'Choose…' }), h('option', { attrs: { value: 'yes' }, text: 'Yes' }), h('option', { attrs: { value: 'no' }, text: 'No' })]
      )
      break
    default:
      control = h('input', {
        class: 'qv-input',
        data: { qv: 'form-input', question: question.id },
        attrs: { id, type: question.type === 'EMAIL_FORM' ? 'email' : 'text', required: question.required, autocomplete: question.type === 'EMAIL_FORM' ? 'email' : 'off' },
        on: { input: (e) => set((e.target as HTMLInputElement).value) }
      })
  }
  return h('div', { class: 'qv-field' }, [label, control])
}
