/** The data sets the sandbox serves, by id: one secured (sales orders), one open (targets). */
import type { Dataset } from './dataset'
import { demoDataset, SALES_DATASET_ID } from './sales-orders'
import { targetsDataset, TARGETS_DATASET_ID } from './sales-targets'

const DATASETS: Readonly<Record<string, () => Dataset>> = {
  [SALES_DATASET_ID]: demoDataset,
  [TARGETS_DATASET_ID]: targetsDataset
}

export function demoDatasetById(id: string): Dataset | undefined {
  // hasOwn: an id such as "constructor" must not reach Object.prototype.
  return Object.hasOwn(DATASETS, id) ? DATASETS[id]() : undefined
}

export const DEMO_DATASET_IDS: readonly string[] = Object.keys(DATASETS)
