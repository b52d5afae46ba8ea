// Module worker entry: owns storage, the catalog and ranking; the page reaches it only through WorkerApi.
import { expose } from 'comlink';
import { createWorkerService } from './workerService.js';

expose(createWorkerService());
