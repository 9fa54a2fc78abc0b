/** Checks of what arrives from another process or from the webview, where nothing is trusted. Pure: the webview bundles it. */

export const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
