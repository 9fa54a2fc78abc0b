import { AstUtils, type AstNode, type DiagnosticInfo, type ValidationAcceptor } from 'langium';
import type { RuleConfigProvider } from '../config/rule-config.js';
import type { Allow } from '../generated/ast.js';
import { isNameable } from '../scoping/resil-scope-computation.js';
import { ruleDocsUrl, type RuleId } from './rules.js';

/** The `allow` lines written directly inside a node. */
export function allowsOf(node: AstNode): readonly Allow[] {
    const allows = (node as { allows?: Allow[] }).allows;
    return Array.isArray(allows) ? allows : [];
}

/** The `allow <rule>` line that silences `ruleId` for `node`: on the node itself or on any enclosing element. */
export function findAllow(node: AstNode, ruleId: RuleId): Allow | undefined {
    for (let current: AstNode | undefined = node; current; current = current.$container) {
        const allow = allowsOf(current).find(a => a.rule === ruleId);
        if (allow) return allow;
    }
    return undefined;
}

function insideNamelessElement(node: AstNode): boolean {
    for (let current: AstNode | undefined = node; current; current = current.$container) {
        if (isNameable(current) && !(current as { name?: string }).name) return true;
    }
    return false;
}

/**
 * Reports rule findings: applies the configured severity (or drops the finding when the rule is off), honours
 * `allow` lines, and attaches the rule id as `code` with a link to its documentation.
 */
export class RuleReporter {
    /** The `allow` lines that silenced at least one finding, per document root, for the current validation run. */
    private readonly usedAllows = new WeakMap<AstNode, Set<Allow>>();
    private readonly collecting: Allow[][] = [];

    constructor(private readonly config: RuleConfigProvider) { }

    /** Starts a validation run of a document: allows used by an earlier run of the same AST no longer count. */
    startDocument(root: AstNode): void {
        this.usedAllows.set(root, new Set());
    }

    report<N extends AstNode>(accept: ValidationAcceptor, ruleId: RuleId, message: string, info: DiagnosticInfo<N>): void {
        // A nameless element is what the parser recovered from a syntax error, which is reported already: a finding
        // about "table `undefined`" would only add noise.
        if (insideNamelessElement(info.node)) return;
        // An allow is needed whenever the rule finds something, even while configuration turns the rule off.
        const allow = findAllow(info.node, ruleId);
        if (allow) {
            this.markUsed(allow);
            return;
        }
        const document = AstUtils.getDocument(info.node);
        const severity = this.config.severityFor(ruleId, document.uri);
        if (severity === 'off') return;
        accept(severity, message, { ...info, code: ruleId, codeDescription: { href: ruleDocsUrl(ruleId) } });
    }

    wasUsed(allow: Allow): boolean {
        return this.usedAllows.get(AstUtils.findRootNode(allow))?.has(allow) ?? false;
    }

    /** The allows that silenced a finding while `run` ran (a system's checks, run once for all its files). */
    async collectAllowsUsed(run: () => Promise<void>): Promise<Allow[]> {
        const used: Allow[] = [];
        this.collecting.push(used);
        try {
            await run();
        } finally {
            this.collecting.splice(this.collecting.indexOf(used), 1);
        }
        return used;
    }

    /** Counts an allow as used in the current run of its document (a finding of the system's checks it silenced). */
    markAllowUsed(allow: Allow): void {
        this.markUsed(allow);
    }

    private markUsed(allow: Allow): void {
        for (const used of this.collecting) used.push(allow);
        const root = AstUtils.findRootNode(allow);
        let used = this.usedAllows.get(root);
        if (!used) this.usedAllows.set(root, used = new Set());
        used.add(allow);
    }
}
