import type { ValidationAcceptor, ValidationRegistry } from 'langium';
import { isKinesis, type Allow, type CloudFront, type Model, type Network, type Service } from '../generated/ast.js';
import { closestNames } from '../util/closest-names.js';
import type { RuleReporter } from './rule-reporter.js';
import { RULES, ruleById, type RuleId } from './rules.js';

/** Rules an `allow` line cannot silence: the design would not mean anything. */
const NOT_SILENCEABLE: ReadonlySet<string> = new Set<RuleId>(['syntax', 'unresolved-reference', 'empty-model', 'unknown-rule', 'unused-allow']);

/** Every `allow` line: they sit only in elements, so the walk skips the properties of a large design. */
function* allowsIn(model: Model): Generator<Allow> {
    const system = model.system;
    if (!system) return;
    const holders: Array<{ allows: Allow[] }> = [system];
    const addService = (service: Service | Network | CloudFront) => {
        holders.push(service);
        if (isKinesis(service)) holders.push(...service.consumers);
    };
    for (const global of system.globals) {
        holders.push(global);
        global.services.forEach(addService);
    }
    for (const region of system.regions) {
        holders.push(region, ...region.routers);
        region.services.forEach(addService);
        for (const cell of region.cells) {
            holders.push(cell);
            cell.services.forEach(addService);
        }
    }
    holders.push(...system.externals);
    for (const holder of holders) yield* holder.allows;
}

/**
 * `unknown-rule`: an `allow` line names an existing rule and gives a reason (reports show it).
 * `unused-allow`: after all other checks ran, an `allow` line that silenced nothing is stale.
 */
export class AllowValidator {
    constructor(private readonly reporter: RuleReporter) { }

    /** Unused allows are only known once every check of the document ran, so this runs after them. */
    registerAfterDocument(registry: ValidationRegistry): void {
        registry.registerAfterDocument((root, accept, categories) => {
            // Every Resil check is a fast one (the editor runs only those while typing), so a run that includes the
            // fast checks knows whether an allow is needed; [] means all categories.
            if (categories.length > 0 && !categories.includes('fast')) return;
            for (const allow of allowsIn(root as Model)) {
                if (!ruleById(allow.rule) || NOT_SILENCEABLE.has(allow.rule) || this.reporter.wasUsed(allow)) continue;
                this.reporter.report(accept, 'unused-allow',
                    `'allow ${allow.rule}' silences nothing here: the rule reports no finding for this element. Remove the line.`,
                    { node: allow, property: 'rule' });
            }
        });
    }

    readonly checkAllow = (allow: Allow, accept: ValidationAcceptor): void => {
        if (!allow.rule) return;
        if (!ruleById(allow.rule)) {
            const suggestions = closestNames(allow.rule, RULES.map(r => r.id).filter(id => !NOT_SILENCEABLE.has(id)));
            const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map(s => `'${s}'`).join(' or ')}?` : ' See `resil check --help` or the rule documentation for the ids.';
            this.reporter.report(accept, 'unknown-rule', `There is no rule '${allow.rule}'.${hint}`, { node: allow, property: 'rule' });
        } else if (NOT_SILENCEABLE.has(allow.rule)) {
            this.reporter.report(accept, 'unknown-rule', `'${allow.rule}' cannot be allowed: fix the design instead.`, { node: allow, property: 'rule' });
        } else if (allow.reason === undefined || allow.reason.trim() === '') {
            this.reporter.report(accept, 'unknown-rule',
                `'allow ${allow.rule}' needs a reason, e.g. \`allow ${allow.rule} "batch job, may wait for a retry"\`: reports show it to whoever reviews the design.`,
                { node: allow, property: 'rule' });
        }
    };
}
