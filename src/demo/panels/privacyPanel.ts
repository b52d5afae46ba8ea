import type { ExportedData, StoredEvent } from '../../index.js';
import type { ConsentState } from '../state/consent.js';
import type { ReshelfHost } from '../state/reshelfHost.js';
import { on } from '../state/demoEvents.js';
import { el, formatClock } from '../shop/format.js';
import type { ShopProduct } from '../shop/shopFeed.js';
import { dataTable, row, section, switchControl } from './controls.js';

export interface PrivacyPanelOptions {
  host: ReshelfHost;
  byId: Map<string, ShopProduct>;
  consent: () => ConsentState;
  setConsent: (granted: boolean) => void;
  /** After "Forget everything": re-render the page so every shelf drops the history. */
  afterForget: () => void;
}

const EVENT_LABELS: Record<StoredEvent['type'], string> = { impression: 'Shown (not counted as interest)', view: 'Viewed', click: 'Clicked', dwell: 'Stayed on', add_to_cart: 'Added to cart', purchase: 'Bought' };
const LOG_ROWS = 40;

/** What is stored, export, forget, and the consent switch (with Global Privacy Control respected). */
export function createPrivacyPanel(options: PrivacyPanelOptions): { panel: HTMLElement; refresh: () => void } {
  const panel = el('div');

  // Consent.
  const consentBox = section('Your choice');
  const { label, input, note: consentNote } = switchControl('consent', 'Personalise this shop with my activity, kept on this device', (on) => options.setConsent(on));
  consentBox.append(label, consentNote);

  // Stored history.
  const storedBox = section('What is stored on this device');
  const summary = el('p', 'stored-summary');
  summary.setAttribute('aria-live', 'polite');
  const { root: table, body } = dataTable('log', 'Your stored events, newest first', ['When', 'What', 'Product']);
  const show = el('button', 'secondary', 'Show what is stored');
  show.type = 'button';
  show.hidden = true;
  storedBox.append(summary, show, table);

  // Export and forget.
  const actionsBox = section('Take it or delete it');
  const actions = el('div', 'button-row');
  const download = el('button', undefined, 'Download my data');
  download.type = 'button';
  const forget = el('button', 'danger', 'Forget everything');
  forget.type = 'button';
  const actionStatus = el('p', 'note');
  actionStatus.setAttribute('role', 'status');
  actions.append(download, forget);
  actionsBox.append(el('p', 'note', 'The download is a JSON file made in your browser; nothing is uploaded. Forgetting deletes every stored event on this device.'), actions, actionStatus);

  panel.append(consentBox, storedBox, actionsBox);

  function renderLog(data: ExportedData, storage: string): void {
    const events = [...data.events].reverse();
    summary.textContent = events.length
      ? `${events.length} event${events.length === 1 ? '' : 's'} stored in this browser (${storage}). Only reshelf reads them, in a background thread (worker) of this page.`
      : `Nothing stored: reshelf has no history for you on this device (${storage}).`;
    body.replaceChildren(
      ...events.slice(0, LOG_ROWS).map((e) => {
        return row([[formatClock(e.time), 'log-time'], EVENT_LABELS[e.type] + (e.type === 'dwell' && e.value ? ` ${Math.round(e.value)} s` : ''), options.byId.get(e.itemId)?.title ?? e.itemId]);
      }),
    );
    table.hidden = events.length === 0;
    if (events.length > LOG_ROWS) summary.textContent += ` The newest ${LOG_ROWS} are listed.`;
  }

  let pending: Promise<void> | undefined;
  let again = false;
  /** Reads the log through the running instance (never starts one just to look, unless asked). */
  function refresh(startIfOff = false): void {
    const consent = options.consent();
    input.checked = consent.granted;
    consentNote.textContent = consent.granted
      ? 'On: what you open, add to cart and buy is recorded in this browser (IndexedDB) and used here to order the shelves. It never leaves this device.'
      : consent.source === 'gpc'
        ? 'Off, because your browser sends Global Privacy Control. Nothing is recorded and the shelves keep the shop\u2019s order. Switch on to allow it on this site.'
        : 'Off: nothing is recorded, reshelf does not run, and the shelves keep the shop\u2019s order.';
    if (!options.host.running && !startIfOff) {
      summary.textContent = 'reshelf is not running, so nothing is being read or recorded. History stored earlier stays until you forget it.';
      table.hidden = true;
      show.hidden = false;
      return;
    }
    show.hidden = true;
    if (pending) {
      again = true;
      return;
    }
    pending = options.host
      .use(async (reshelf) => {
        const status = await reshelf.ready;
        const storage = status.state === 'ready' ? (status.storage === 'indexeddb' ? 'IndexedDB' : 'memory only, gone on reload') : 'unavailable';
        renderLog(await reshelf.exportData(), storage);
      })
      .finally(() => {
        pending = undefined;
        if (again) {
          again = false;
          refresh();
        }
      });
  }

  show.addEventListener('click', () => refresh(true));
  download.addEventListener('click', () => {
    void options.host.use(async (reshelf) => {
      const data = await reshelf.exportData();
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const link = el('a');
      link.href = url;
      link.download = 'reshelf-my-data.json';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      actionStatus.textContent = `Downloaded ${data.events.length} events as reshelf-my-data.json.`;
    });
  });
  forget.addEventListener('click', () => {
    void options.host.use(async (reshelf) => {
      await reshelf.forget();
      actionStatus.textContent = 'Forgotten: nothing about you is stored on this device any more.';
      options.afterForget();
      refresh();
    });
  });
  on('history', () => refresh());
  on('consent', () => refresh());
  return { panel, refresh: () => refresh() };
}
