import { AstUtils, type ValidationAcceptor } from 'langium';
import type { RuleConfigProvider } from '../config/rule-config.js';
import type { Model } from '../generated/ast.js';
import type { RuleReporter } from './rule-reporter.js';

/**
 * `config-file`: a broken `.resilrc.json` is reported on each design it governs, so the editor and `resil check`
 * both say why severities are not what the file asks for (its valid entries still apply).
 */
export class ConfigValidator {
    constructor(private readonly reporter: RuleReporter, private readonly config: RuleConfigProvider) { }

    readonly checkConfigFile = (model: Model, accept: ValidationAcceptor): void => {
        const rc = this.config.rcForDocument(AstUtils.getDocument(model).uri);
        if (!rc.file || rc.problems.length === 0) return;
        const message = `${rc.file} is not a valid Resil configuration: ${rc.problems.join('; ')}. The other entries still apply; fix the file, e.g. { "rules": { "dynamodb-backup": "off" } }.`;
        if (model.system) this.reporter.report(accept, 'config-file', message, { node: model.system, property: 'name' });
        else this.reporter.report(accept, 'config-file', message, { node: model });
    };
}
