// Renders the extension icon (client/images/icon.png, 128x128 as the Marketplace wants) from its SVG source.
// Run after editing client/images/icon.svg: node scripts/make-icon.mjs
import { Resvg } from '@resvg/resvg-js';
import * as fs from 'node:fs';

const svg = fs.readFileSync('client/images/icon.svg', 'utf8');
const png = new Resvg(svg, { fitTo: { mode: 'width', value: 128 } }).render().asPng();
fs.writeFileSync('client/images/icon.png', png);
console.log(`client/images/icon.png: ${png.length} bytes`);
