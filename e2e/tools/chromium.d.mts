/** Absolute path of a Chromium executable, or undefined when none is installed. */
export function findChromium(): string | undefined;
/** The path, or an error naming the command that installs Chromium. */
export function requireChromium(): string;
/** Flags for headless Chromium on a closed network; WebGPU enabled. */
export const chromiumArgs: string[];
