/**
 * How a diagram file (an export, not the webview's drawing) says that Resil drew it: a metadata element first in
 * the root element. `resil diagram -o` replaces such a file without asking (cli/diagram-file.ts).
 */
export const SVG_MARKER = '<metadata>Drawn by Resil (resil diagram)</metadata>';
