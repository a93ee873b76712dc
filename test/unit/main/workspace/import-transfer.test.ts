/**
 * How an import crosses between main and the import worker in pieces
 * (src/main/workspace/import-transfer.ts; issue 7 point 4, issue 15): the
 * pieces and batches give back exactly what was cut, surrogate pairs cut
 * in two included, and an import whose text and items span many pieces
 * gives what parsing in place gives. The stalls this bounds are measured by
 * bench/secret-guard-scale.ts, not here.
 */
import { describe, expect, it } from 'vitest'
import { parseImportInput } from '../../../../src/main/workspace/import-file'
import { parseImportOffThread, runWorker } from '../../../../src/main/workspace/import-thread'
import { itemBatches, itemsOf, PIECE_CHARS, textPieces } from '../../../../src/main/workspace/import-transfer'

const OFF_THREAD = { inThreadBelow: 0, onFallback: (reason: string) => expect.unreachable(`fell back to the main thread: ${reason}`) }

describe('import pieces', () => {
  it('cuts a text into pieces of at most PIECE_CHARS that join back to it, also where a cut splits a surrogate pair', () => {
    const text = `${'a'.repeat(PIECE_CHARS - 1)}😀${'é'.repeat(PIECE_CHARS)}😀`
    const pieces = [...textPieces(text)]
    expect(pieces.length).toBe(3)
    expect(pieces.every((piece) => piece.length <= PIECE_CHARS)).toBe(true)
    expect(pieces[0].endsWith('\ud83d')).toBe(true)
    expect(pieces.join('')).toBe(text)
    expect([...textPieces('')]).toEqual([])
  })

  it('batches items without cutting one, about PIECE_CHARS each, and gives them back as they were', () => {
    const items = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ name: `Setup ${i}`, note: 'ü'.repeat(i % 700) }))
    items.splice(1500, 0, JSON.stringify({ huge: 'x'.repeat(PIECE_CHARS * 2) }))
    const batches = [...itemBatches(items)]
    expect(batches.length).toBeGreaterThan(2)
    for (const batch of batches) expect(batch.ends.length === 1 || batch.text.length <= PIECE_CHARS).toBe(true)
    expect(batches.flatMap(itemsOf)).toEqual(items)
    expect([...itemBatches([])]).toEqual([])
  })
})

describe('an import through the worker in many pieces', () => {
  it('gives what parsing in place gives: text over several pieces, non-ASCII names across the cuts, items over several batches', async () => {
    const setups = Array.from({ length: 700 }, (_, i) => ({
      formatVersion: 1,
      name: `Señal 😀 ${i}`,
      environment: 'Acme prod',
      widget: 'page-view',
      token: { userid: `u${i}`, appid: 'a1' },
      widgetFields: { dashboardId: `d${i}`, note: '😀é'.repeat(1000 + i) }
    }))
    const text = JSON.stringify({ format: 'qrvey-embed-workbench', formatVersion: 1, setups, environments: [] })
    expect(text.length).toBeGreaterThan(3 * PIECE_CHARS)
    const offThread = await parseImportOffThread(text, OFF_THREAD)
    expect(offThread.ok).toBe(true)
    expect(offThread).toEqual(parseImportInput(text))
  })

  it('a worker that fails while the text is still going out: the import is refused with its error, and nothing is left unhandled', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      const failing = new URL(`data:text/javascript,${encodeURIComponent("throw new Error('worker broke')")}`)
      await expect(runWorker(failing, 'x'.repeat(20 * PIECE_CHARS), 1000)).rejects.toThrow('worker broke')
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })

  it('an empty text goes to the worker too and is refused as in place, not waited on forever', async () => {
    expect(await parseImportOffThread('', OFF_THREAD)).toEqual(parseImportInput(''))
  })
})
