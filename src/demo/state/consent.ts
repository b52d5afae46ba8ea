/**
 * The shopper's choice about personalisation. Without an explicit choice it is on, unless the browser sends
 * Global Privacy Control, which we read as "no" until the shopper says otherwise on this page.
 * The choice is kept in localStorage as "on"/"off": a preference, not an identifier, and never sent anywhere.
 */
export interface ConsentState {
  granted: boolean;
  /** Why it has this value: the shopper's own choice, their browser's GPC signal, or the default. */
  source: 'choice' | 'gpc' | 'default';
  /** Whether the browser sends Global Privacy Control. */
  gpc: boolean;
}

const KEY = 'reshelf-demo:personalise';

function storedChoice(): 'on' | 'off' | undefined {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'on' || value === 'off' ? value : undefined;
  } catch {
    return undefined; // storage blocked: fall back to GPC/default every visit
  }
}

export function readConsent(): ConsentState {
  const gpc = (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
  const choice = storedChoice();
  if (choice) return { granted: choice === 'on', source: 'choice', gpc };
  return gpc ? { granted: false, source: 'gpc', gpc } : { granted: true, source: 'default', gpc };
}

export function saveConsent(granted: boolean): ConsentState {
  try {
    localStorage.setItem(KEY, granted ? 'on' : 'off');
  } catch {
    // not persisted; this page view still follows the choice
  }
  return { ...readConsent(), granted, source: 'choice' };
}
