import { AstUtils, type AstNode, type DiagnosticInfo, type ValidationAcceptor } from 'langium';
import type { RuleConfigProvider } from '../config/rule-config.js';
import type { Allow } from '../generated/ast.js';
import { ruleDocsUrl } from './rules.js';

/** The `allow` lines written directly inside a node. */
export function allowsOf(node: AstNode): readonly Allow[] {
    const allows = (node as { allows?: Allow[] }).allows;
    return Array.isArray(allows) ? allows : [];
}

/** The `allow <rule>` line that silences `ruleId` for `node`: on the node itself or on any enclosing element. */
export function findAllow(node: AstNode, ruleId: string): Allow | undefined {
    for (let current: AstNode | undefined = node; current; current = current.$container) {
        const allow = allowsOf(current).find(a => a.rule === ruleId);
        if (allow) return allow;
    }
    return undefined;
}

/**
 * Reports rule findings: applies the configured severity (or drops the finding when the rule is off), honours
 * `allow` lines, and attaches the rule id as `code` with a link to its documentation.
 */
export class RuleReporter {
    /** The `allow` lines that silenced at least one finding, per document validation run. */
    private readonly usedAllows = new WeakSet<Allow>();

    constructor(private readonly config: RuleConfigProvider) { }

    report<N extends AstNode>(accept: ValidationAcceptor, ruleId: string, message: string, info: DiagnosticInfo<N>): void {
        const document = AstUtils.getDocument(info.node);
        const severity = this.config.severityFor(ruleId, document.uri);
        if (severity === 'off') return;
        const allow = findAllow(info.node, ruleId);
        if (allow) {
            this.usedAllows.add(allow);
            return;
        }
        accept(severity, message, { ...info, code: ruleId, codeDescription: { href: ruleDocsUrl(ruleId) } });
    }

    wasUsed(allow: Allow): boolean {
        return this.usedAllows.has(allow);
    }
}
