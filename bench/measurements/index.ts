// Every module here registers its measurements; the order is the order of the report.
import './core.js';
import './lsp.js';
import './analysis.js';
import './cdk.js';
import './diagram.js';
