/** Worker thread of `workerPreparer`: prepares blocks of rows with the pure `prepareRows`. */
import { parentPort, workerData } from 'node:worker_threads';
import { prepareRows, type PrepareSetup } from './dossier.parse';

const setup: PrepareSetup = { ...(workerData as PrepareSetup), unitCodes: new Set((workerData as { unitCodes: string[] }).unitCodes) };

parentPort!.on('message', ({ id, rows, firstRow }: { id: number; rows: string[][]; firstRow: number }) => {
  try {
    parentPort!.postMessage({ id, results: prepareRows(rows, firstRow, setup) });
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).message });
  }
});
