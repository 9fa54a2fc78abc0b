// Writes the `resil.rules` setting's schema in package.json from the rule registry (language/src/validation/rules.ts),
// so the Settings editor offers every rule id with its title and default. Run after adding a rule:
//   npx tsc -p tsconfig.json && node scripts/sync-rule-settings.mjs
// (test/unit/extension-manifest.test.ts fails while the two disagree.)
import * as fs from 'node:fs';

const { RULES } = await import('../out/language/src/validation/rules.js');
const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const setting = manifest.contributes.configuration.properties['resil.rules'];
setting.properties = Object.fromEntries(RULES.map(rule => [rule.id, {
    type: 'string',
    enum: ['off', 'info', 'warning', 'error'],
    description: `${rule.title}: ${rule.summary} (default: ${rule.severity})`,
}]));
fs.writeFileSync('package.json', JSON.stringify(manifest, null, 2) + '\n');
console.log(`resil.rules: ${RULES.length} rules`);
