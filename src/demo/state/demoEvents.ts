/** What the panels listen to: the page tells them when history changed and when a widget was ranked. */
export interface RankRecord {
  widget: string;
  /** Round trip of `rank()` as the page sees it (message to the worker, ranking, reply, DOM move), ms. */
  ms: number;
  /** The worker's own ranking time, when reshelf reports it. */
  workerMs?: number;
  state: 'personalised' | 'popular' | 'original' | 'local';
  items: number;
  reason?: string;
  at: number;
}

/** `restart`: the page replaced its reshelf instance (another scoring backend forced in the Engine panel). */
type DemoEventMap = { history: undefined; ranked: RankRecord; consent: undefined; route: undefined; restart: undefined };

const bus = new EventTarget();

export function emit<K extends keyof DemoEventMap>(type: K, detail?: DemoEventMap[K]): void {
  bus.dispatchEvent(new CustomEvent(type, { detail }));
}

export function on<K extends keyof DemoEventMap>(type: K, listener: (detail: DemoEventMap[K]) => void): void {
  bus.addEventListener(type, (event) => listener((event as CustomEvent<DemoEventMap[K]>).detail));
}
