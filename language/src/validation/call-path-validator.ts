import type { ValidationAcceptor } from 'langium';
import type { Model, Uses } from '../generated/ast.js';
import { getTopology, type ComponentOf, type DependencyEdge, type Topology, type TopologyComponent } from '../model/topology.js';
import { parseDuration } from '../util/durations.js';
import { postOrder } from '../util/post-order.js';
import { andList } from '../util/wording.js';
import type { RuleReporter } from './rule-reporter.js';
import { RETRY_BOUND } from './rules.js';

/**
 * Rules along a synchronous call path, which no single element shows: timeouts that add up beyond the caller's
 * (`timeout-budget`) and retries that multiply from layer to layer (`retry-amplification`).
 */

/** Lambda's timeout when the function sets none. */
export const LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;

/**
 * More attempts than this at the bottom of a path for one request at its top is `retry-amplification`: two layers
 * of three attempts (9) pass, a third layer (27) or two of four (16) do not.
 */
export const RETRY_AMPLIFICATION_BOUND = RETRY_BOUND;

/** A call the caller waits for: synchronous `uses`, hard or soft (a soft call still blocks until it answers or times out). */
type SyncCall = DependencyEdge & { readonly kind: 'uses'; readonly source: Uses };

function isSyncCall(edge: DependencyEdge): edge is SyncCall {
    return edge.kind === 'uses' && edge.sync;
}

const NO_COMPONENTS: readonly TopologyComponent[] = [];

/** The components `component` calls synchronously, in the order of its edges (one list, none for most stores). */
function syncTargets(component: TopologyComponent): readonly TopologyComponent[] {
    let targets: TopologyComponent[] | undefined;
    for (const edge of component.outgoing) if (isSyncCall(edge)) (targets ??= []).push(edge.to);
    return targets ?? NO_COMPONENTS;
}

/** The longest a synchronous call into a component may take, and the chain of calls that takes it. */
interface WorstCase {
    readonly seconds: number;
    /** From the component called down to the one whose timeout bounds the wait. */
    readonly path: readonly TopologyComponent[];
    /** The timeout that ends the path: declared, or Lambda's default. */
    readonly timeout: string;
}

/** A component's own timeout: the time after which it gives up, whatever it waits on. */
function ownTimeout(component: TopologyComponent): { seconds: number; text: string } | undefined {
    if (component.kind !== 'lambda') return undefined;
    const declared = component.ast.timeout;
    const seconds = declared !== undefined ? parseDuration(declared).seconds : LAMBDA_DEFAULT_TIMEOUT_SECONDS;
    if (seconds === undefined) return undefined; // an unknown unit: `value-range` says so
    return declared !== undefined
        ? { seconds, text: `timeout ${declared}` }
        : { seconds, text: `Lambda's default timeout of ${LAMBDA_DEFAULT_TIMEOUT_SECONDS}s` };
}

/** Kinds that wait on what they call without a timeout of their own: a call into them lasts as long as theirs. */
const FORWARDS = new Set<TopologyComponent['kind']>(['alb', 'router', 'ecs', 'eks', 'asg', 'route53']);

/**
 * The worst case of a synchronous call into each component: its own timeout, or for a service that waits on its
 * calls without one, their worst cases one after the other. Stores and streams answer in milliseconds: none.
 */
function worstCases(topology: Topology): ReadonlyMap<TopologyComponent, WorstCase | undefined> {
    let cases = worstCaseCache.get(topology);
    if (!cases) worstCaseCache.set(topology, cases = computeWorstCases(topology));
    return cases;
}

const worstCaseCache = new WeakMap<Topology, ReadonlyMap<TopologyComponent, WorstCase | undefined>>();

function computeWorstCases(topology: Topology): ReadonlyMap<TopologyComponent, WorstCase | undefined> {
    return postOrder<TopologyComponent, WorstCase | undefined>(topology.components, topology.components.length, syncTargets, (component, done) => {
        const own = ownTimeout(component);
        if (own) return { seconds: own.seconds, path: [component], timeout: own.text };
        if (!FORWARDS.has(component.kind)) return undefined;
        let total = 0;
        let longest: WorstCase | undefined;
        for (const call of component.outgoing) {
            if (!isSyncCall(call)) continue;
            const below = done.get(call.to);
            if (!below) continue;
            total += below.seconds;
            if (!longest || below.seconds > longest.seconds) longest = below;
        }
        return longest && { seconds: total, path: [component, ...longest.path], timeout: longest.timeout };
    });
}

const seconds = (value: number): string => `${Math.round(value * 1000) / 1000}s`;

const pathText = (path: readonly TopologyComponent[]): string => path.map(c => `\`${c.id}\``).join(' → ');

export class CallPathValidator {
    constructor(private readonly reporter: RuleReporter) { }

    readonly checkModel = (model: Model, accept: ValidationAcceptor): void => {
        if (!model.system) return;
        const topology = getTopology(model);
        this.checkTimeouts(topology, accept);
        this.checkRetries(topology, accept);
    };

    /** `timeout-budget`: a caller with a timeout must outlast the synchronous calls it waits on. */
    private checkTimeouts(topology: Topology, accept: ValidationAcceptor): void {
        for (const caller of topology.components) {
            if (caller.kind !== 'lambda' || !caller.outgoing.some(isSyncCall)) continue;
            const budget = timeoutBudget(topology, caller);
            if (!budget || budget.waits < budget.own.seconds) continue;
            const { own, calls, waits } = budget;
            const chains = andList(calls.map(w => `${pathText([caller, ...w.path])} (${w.timeout}${w.path.length > 1 ? `, ${seconds(w.seconds)} in all` : ''})`));
            const sum = calls.length > 1 ? `, one after the other ${seconds(waits)}` : '';
            this.reporter.report(accept, 'timeout-budget',
                `Lambda \`${caller.id}\` gives up after ${seconds(own.seconds)} (${own.text}), but the synchronous calls it waits on may take as long or longer: ${chains}${sum}. When they are slow, \`${caller.name}\` times out while they still work for it, and its caller's retry starts the whole chain again. Give \`${caller.name}\` a \`timeout\` above ${seconds(waits)}, or lower the timeouts below it so that they fit in its own.`,
                caller.ast.timeout !== undefined ? { node: caller.ast, property: 'timeout' } : { node: caller.ast, property: 'name' });
        }
    }

    /**
     * `retry-amplification`: each layer that retries multiplies the attempts of every layer below it. For each
     * component, the most attempts one request at the top of any path makes on it; a finding on the call where the
     * product first exceeds the bound.
     */
    private checkRetries(topology: Topology, accept: ValidationAcceptor): void {
        const retrying = topology.edges.filter((e): e is SyncCall => isSyncCall(e) && (e.source.retries ?? 0) > 0);
        if (retrying.length === 0) return;
        const callers = (c: TopologyComponent): SyncCall[] => c.incoming.filter(isSyncCall);
        interface Attempts { readonly count: number; readonly via?: SyncCall }
        const attemptsOf = postOrder<TopologyComponent, Attempts>(retrying.map(e => e.to), topology.components.length, c => callers(c).map(e => e.from), (component, done) => {
            let best: Attempts = { count: 1 };
            for (const call of callers(component)) {
                const count = (done.get(call.from)?.count ?? 1) * attempts(call);
                if (count > best.count) best = { count, via: call };
            }
            return best;
        });
        for (const call of retrying) {
            const path = pathTo(call, attemptsOf);
            // Reported once, on the call where the path first amplifies: the calls below it amplify more, but their
            // fix is the same.
            if (!amplifies(path) || amplifies(path.slice(0, -1))) continue;
            const total = path.reduce((product, c) => product * attempts(c), 1);
            const steps = path.map(e => `\`${e.to.id}\`${attempts(e) > 1 ? ` (${attempts(e)} attempts)` : ''}`).join(' → ');
            const top = path[0].from;
            this.reporter.report(accept, 'retry-amplification',
                `One request into \`${top.id}\` may reach \`${call.to.id}\` ${total} times: \`${top.id}\` → ${steps}. When \`${call.to.name}\` slows down under load, every layer retries, and it receives ${total} times the load at the worst moment (more than ${RETRY_AMPLIFICATION_BOUND}). Retry at one layer of the path only: keep \`retries\` on one of these calls and remove it from the others.`,
                { node: call.source, property: 'retries' });
        }
    }
}

/** A Lambda's own timeout against the worst case of the synchronous calls it waits on, one after the other. */
interface TimeoutBudget {
    readonly own: { readonly seconds: number; readonly text: string };
    readonly calls: readonly WorstCase[];
    readonly waits: number;
}

function timeoutBudget(topology: Topology, caller: ComponentOf<'lambda'>): TimeoutBudget | undefined {
    const own = ownTimeout(caller);
    if (!own) return undefined;
    const worst = worstCases(topology);
    const calls: WorstCase[] = [];
    for (const call of caller.outgoing) {
        const below = isSyncCall(call) ? worst.get(call.to) : undefined;
        if (below) calls.push(below);
    }
    if (calls.length === 0) return undefined;
    return { own, calls, waits: calls.reduce((sum, w) => sum + w.seconds, 0) };
}

/** The whole seconds a Lambda's `timeout` must have to outlast its calls, if Lambda allows that much (15 min). */
export function sufficientTimeout(topology: Topology, caller: ComponentOf<'lambda'>): number | undefined {
    const budget = timeoutBudget(topology, caller);
    if (!budget) return undefined;
    const needed = Math.floor(budget.waits) + 1;
    return needed <= LAMBDA_MAX_TIMEOUT_SECONDS ? needed : undefined;
}

const LAMBDA_MAX_TIMEOUT_SECONDS = 900;

/** Whether two or more layers of `calls` retry and their attempts multiply beyond the bound. */
function amplifies(calls: readonly SyncCall[]): boolean {
    const layers = calls.filter(call => attempts(call) > 1);
    return layers.length >= 2 && layers.reduce((product, call) => product * attempts(call), 1) > RETRY_AMPLIFICATION_BOUND;
}

/** Attempts a caller makes per call: the first try and its retries. */
function attempts(call: SyncCall): number {
    const retries = call.source.retries ?? 0;
    return Number.isInteger(retries) && retries > 0 ? 1 + retries : 1;
}

/** The calls from the top of the path with the most attempts down to `call`. */
function pathTo(call: SyncCall, attemptsOf: ReadonlyMap<TopologyComponent, { readonly via?: SyncCall }>): SyncCall[] {
    const path = [call];
    const seen = new Set<TopologyComponent>([call.to, call.from]);
    for (let via = attemptsOf.get(call.from)?.via; via && !seen.has(via.from); via = attemptsOf.get(via.from)?.via) {
        seen.add(via.from);
        path.unshift(via);
    }
    return path;
}
