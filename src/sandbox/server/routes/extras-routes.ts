/**
 * The API behind Pixel-perfect Reports, Automation, Web Form Design / End
 * User and the Download Manager (src/shared/sandbox-extras-api.ts). Same
 * order as the data routes: rehearsal modes, then the bearer token (or the
 * sandbox key in API-key mode). Web Form End User's two routes are public:
 * Qrvey embeds that widget with only `domain` and `qrvey_hash`
 * (web-form-end-user.md), no token.
 */
import type { FastifyPluginAsync } from 'fastify'
import type { NewExport, WebformAnswers, WebformDesign } from '../../../shared/sandbox-extras-api'
import { demoExtras, webformByHash, allWebformHashes } from '../../data/extras/demo-extras'
import { ExportStore, MAX_EXPORT_BYTES, WebformResponses } from '../../data/extras/stores'
import { validateAnswers } from '../../data/extras/webform-answers'
import { bearerAuth, callerOf, type ApiKeyModeOptions, type AppParams } from '../bearer-auth'
import type { CallbackOnRequestHook } from '../misbehaviour'
import { sendQrveyError } from '../qrvey-error'
import type { TokenIssuer } from '../token-issuer'

export interface ExtrasRoutesOptions {
  issuer: TokenIssuer
  keyMode?: ApiKeyModeOptions
  misbehave: CallbackOnRequestHook
}

export const EXTRAS_ROUTES = {
  reports: '/devapi/v6/user/:userId/app/:appId/builder/report',
  report: '/devapi/v6/user/:userId/app/:appId/builder/report/:reportId',
  workflows: '/devapi/v4/user/:userId/app/:appId/automatiq/workflow',
  workflow: '/devapi/v4/user/:userId/app/:appId/automatiq/workflow/:workflowId',
  webformDesign: '/devapi/v4/user/:userId/app/:appId/qrvey/:qrveyId/webform',
  publicWebform: '/devapi/v4/webform/:hash',
  publicWebformResponse: '/devapi/v4/webform/:hash/response',
  exports: '/devapi/v5/user/:userId/app/:appId/export',
  exportFile: '/devapi/v5/user/:userId/app/:appId/export/:exportId/file'
} as const

const NO_CLIENT_ID =
  'The Download Manager lists the exports of one end user: it needs a clientid, inside the token ("If authenticating with a qvToken, pass this into the token"); in API-key mode (development only) as "clientid" in the widget config.'

export const extrasRoutes: FastifyPluginAsync<ExtrasRoutesOptions> = async (app, options) => {
  const onRequest = [options.misbehave, bearerAuth(options.issuer, options.keyMode)]
  const anyApp = [options.misbehave, bearerAuth(options.issuer, options.keyMode, { appOptional: true })]
  const responses = new WebformResponses()
  const exportsStore = new ExportStore()

  app.get<{ Params: AppParams }>(EXTRAS_ROUTES.reports, { onRequest }, async (request) => demoExtras(callerOf(request).appId).reports)

  app.get<{ Params: AppParams & { reportId: string } }>(EXTRAS_ROUTES.report, { onRequest }, async (request, reply) => {
    const { reports } = demoExtras(callerOf(request).appId)
    const report = reports.find((candidate) => candidate.id === request.params.reportId)
    return report ?? sendQrveyError(reply, 404, `Unknown report "${request.params.reportId}"; the reports of this app are: ${reports.map((r) => r.id).join(', ') || 'none'}`)
  })

  app.get<{ Params: AppParams }>(EXTRAS_ROUTES.workflows, { onRequest }, async (request) => demoExtras(callerOf(request).appId).workflows)

  app.get<{ Params: AppParams & { workflowId: string } }>(EXTRAS_ROUTES.workflow, { onRequest }, async (request, reply) => {
    const { workflows } = demoExtras(callerOf(request).appId)
    const workflow = workflows.find((candidate) => candidate.id === request.params.workflowId)
    return workflow ?? sendQrveyError(reply, 404, `Unknown workflow "${request.params.workflowId}"; the workflows of this app are: ${workflows.map((w) => w.id).join(', ') || 'none'}`)
  })

  app.get<{ Params: AppParams & { qrveyId: string } }>(EXTRAS_ROUTES.webformDesign, { onRequest }, async (request, reply) => {
    const { webforms } = demoExtras(callerOf(request).appId)
    const form = webforms.find((candidate) => candidate.id === request.params.qrveyId)
    if (!form) return sendQrveyError(reply, 404, `Unknown web form "${request.params.qrveyId}"; the web forms of this app are: ${webforms.map((w) => w.id).join(', ') || 'none'}`)
    const stored = responses.list(form.id)
    const design: WebformDesign = { form, responseCount: stored.length, recent: stored.slice(-5).reverse() }
    return design
  })

  app.get<{ Params: { hash: string } }>(EXTRAS_ROUTES.publicWebform, { onRequest: [options.misbehave] }, async (request, reply) => {
    const form = webformByHash(request.params.hash)
    return form ?? sendQrveyError(reply, 404, `No web form with qrvey_hash "${request.params.hash}"; the sandbox's forms are: ${allWebformHashes().join(', ')}`)
  })

  app.post<{ Params: { hash: string } }>(EXTRAS_ROUTES.publicWebformResponse, { onRequest: [options.misbehave] }, async (request, reply) => {
    const form = webformByHash(request.params.hash)
    if (!form) return sendQrveyError(reply, 404, `No web form with qrvey_hash "${request.params.hash}"`)
    if (form.status !== 'ACTIVE') return sendQrveyError(reply, 409, `The web form "${form.name}" is paused and takes no responses`)
    const answers = (request.body as { answers?: unknown } | null)?.answers
    const checked = validateAnswers(form, answers)
    if (!checked.ok) return sendQrveyError(reply, 400, checked.messages)
    return reply.code(201).send(responses.add(form.id, checked.answers as WebformAnswers))
  })

  app.get<{ Params: AppParams }>(EXTRAS_ROUTES.exports, { onRequest: anyApp }, async (request, reply) => {
    const caller = callerOf(request)
    if (caller.clientId === '') return sendQrveyError(reply, 400, NO_CLIENT_ID)
    return exportsStore.list({ userId: caller.userId, clientId: caller.clientId })
  })

  app.post<{ Params: AppParams }>(EXTRAS_ROUTES.exports, { onRequest: anyApp, bodyLimit: MAX_EXPORT_BYTES + 4096 }, async (request, reply) => {
    const caller = callerOf(request)
    // download-manager.md: without a user ID and clientid "all exports performed using the widget will not be accessible from Download Manager".
    if (caller.clientId === '') return sendQrveyError(reply, 409, 'Not listed in the Download Manager: the token has no clientid (exports are filed per user ID and clientid)')
    const body = request.body as Partial<NewExport> | null
    if (!body || typeof body.fileName !== 'string' || body.fileName.trim() === '' || typeof body.content !== 'string' || body.format !== 'CSV' || typeof body.source !== 'string') {
      return sendQrveyError(reply, 400, 'An export is {"fileName": "...csv", "format": "CSV", "source": "...", "content": "<the CSV text>"}')
    }
    const entry = exportsStore.add({ userId: caller.userId, clientId: caller.clientId }, { fileName: body.fileName.slice(0, 200), format: 'CSV', source: body.source.slice(0, 200), content: body.content })
    return reply.code(201).send(entry)
  })

  app.get<{ Params: AppParams & { exportId: string } }>(EXTRAS_ROUTES.exportFile, { onRequest: anyApp }, async (request, reply) => {
    const caller = callerOf(request)
    const stored = exportsStore.file({ userId: caller.userId, clientId: caller.clientId }, request.params.exportId)
    if (!stored) return sendQrveyError(reply, 404, `No export "${request.params.exportId}" for this user and clientid`)
    return reply
      .code(200)
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${stored.entry.fileName.replace(/["\\\r\n]/g, '_')}"`)
      .send(stored.content)
  })
}
