// Module worker entry: owns storage, the catalog and ranking; the page reaches it only through WorkerApi.
import { expose } from 'comlink';
import { STATUS_UPDATE } from './contract.js';
import { createWorkerService } from './workerService.js';

// Status changes the page did not ask for (a measurement finished) go out beside comlink's replies.
const post = (message: unknown) => (self as unknown as { postMessage(message: unknown): void }).postMessage(message);
expose(createWorkerService({ notify: (update) => post({ [STATUS_UPDATE]: update }) }));
