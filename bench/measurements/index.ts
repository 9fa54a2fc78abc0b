// Every module here registers its measurements; the order is the order of the report.
import './core.js';
import './analysis.js';
import './diagram.js';
import './cdk.js';
import './lsp.js';
import './lsp-load.js';
import './lsp-workspace.js';
import './cli.js';
import './import.js';
import './likec4.js';
