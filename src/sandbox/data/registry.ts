/** The data sets the sandbox serves, by id. One today; apps name theirs by id. */
import type { Dataset } from './dataset'
import { demoDataset, SALES_DATASET_ID } from './sales-orders'

const DATASETS: Readonly<Record<string, () => Dataset>> = {
  [SALES_DATASET_ID]: demoDataset
}

export function demoDatasetById(id: string): Dataset | undefined {
  // hasOwn: an id such as "constructor" must not reach Object.prototype.
  return Object.hasOwn(DATASETS, id) ? DATASETS[id]() : undefined
}
