/**
 * Issue 7, point 2, as a user meets it: a key is bound to the origin it was
 * saved for. Editing an environment's domain to another origin asks for the
 * key of the new domain; the old key is never sent there; a metadata
 * address is refused as it is typed.
 */
import { respond, startServer } from '../support/failure-servers'
import { addEnvironment, expect, fillTokenForm, test } from './fixtures'

const FAKE_JWE = 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..aXY.Y2lwaGVy.dGFn'

test('moving an environment to another origin asks for its key again; the old key never reaches the new server', async ({ page }) => {
  const a = await startServer(respond(200, JSON.stringify({ token: FAKE_JWE })))
  const b = await startServer(respond(200, JSON.stringify({ token: FAKE_JWE })))
  const c = await startServer(respond(200, JSON.stringify({ token: FAKE_JWE })))
  try {
    await fillTokenForm(page, { userid: 'u1', appid: '59VShVtjM' })
    await addEnvironment(page, { name: 'Staging', domain: a.url, apiKey: 'key-for-A-"\\/&+<>-0001' })
    await page.getByTestId('generate-button').click()
    await expect(page.getByTestId('result-status')).toHaveText('200')
    expect(a.requests[0].headers['x-api-key']).toBe('key-for-A-"\\/&+<>-0001')

    // Edit to B: the form asks for B's key and says why.
    await page.getByTestId('env-edit').click()
    await expect(page.getByTestId('env-edit-form-key')).toHaveCount(0)
    await page.getByTestId('env-edit-form-domain').fill(b.url)
    await expect(page.getByTestId('env-edit-form-key-rebind')).toContainText(`The key ending in 0001 stays with ${a.url} and is removed when you save`)
    await page.getByTestId('env-edit-form-key').fill('key-for-B-0002')
    await page.getByTestId('env-edit-form-submit').click()
    await expect(page.getByTestId('key-status')).toHaveText('Key set, ends in 0002')
    await page.getByTestId('generate-button').click()
    await expect(page.getByTestId('request-headers')).toContainText('ends in 0002')
    expect(b.requests.map((r) => r.headers['x-api-key'])).toEqual(['key-for-B-0002'])

    // Edit to C without a key: the key stays behind, and Generate says a key is needed.
    await page.getByTestId('env-edit').click()
    await page.getByTestId('env-edit-form-domain').fill(c.url)
    await page.getByTestId('env-edit-form-submit').click()
    await expect(page.getByTestId('key-status')).toHaveText('No API key set')
    await expect(page.getByTestId('generate-button')).toBeDisabled()
    expect(c.requests).toHaveLength(0)
    expect(a.requests).toHaveLength(1)

    // A metadata address is refused as it is typed.
    await page.getByTestId('env-edit').click()
    await page.getByTestId('env-edit-form-domain').fill('https://169.254.169.254')
    await expect(page.getByTestId('env-edit-form-domain-error')).toContainText('link-local address')
    await page.getByTestId('env-edit-form-submit').click()
    await expect(page.getByTestId('env-edit-form-domain-error')).toContainText('the API key is never sent there')
  } finally {
    await Promise.all([a.close(), b.close(), c.close()])
  }
})
