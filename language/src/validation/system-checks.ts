import { AstUtils, type AstNode, type DiagnosticInfo, type ValidationAcceptor, type ValidationCheck, type ValidationSeverity } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { Allow, Model } from '../generated/ast.js';
import { systemFilesOf } from '../model/system-files.js';
import { getTopology, type Topology } from '../model/topology.js';
import type { RuleReporter } from './rule-reporter.js';

interface Finding {
    readonly severity: ValidationSeverity;
    readonly message: string;
    readonly info: DiagnosticInfo<AstNode>;
}

/** What one run of the system's checks found, by the file of the element each finding points at. */
interface SystemRun {
    readonly findings: ReadonlyMap<AstNode, readonly Finding[]>;
    readonly allowsUsed: readonly Allow[];
    /** The files that took their findings: a file asking again is validated again (settings changed), so is the system. */
    readonly served: Set<Model>;
}

/**
 * The checks that read the whole system (its topology: edges, paths, cycles, placement) run once per version of a
 * system that spans files, not once per file: each file then gets the findings about its own elements, and the
 * `allow` lines of its own that silenced one. A system in one file runs them as before.
 */
export class SystemChecks {
    private readonly runs = new WeakMap<Topology, Map<ValidationCheck<Model>, SystemRun>>();

    constructor(private readonly reporter: RuleReporter) { }

    /** `check` as a check of each file: run on the system's main file once per system version, its findings shared out. */
    once(check: ValidationCheck<Model>): ValidationCheck<Model> {
        return async (model, accept, cancelToken) => {
            const files = systemFilesOf(model);
            if (files.parts.length === 0) return check(model, accept, cancelToken);
            const topology = getTopology(model);
            let runs = this.runs.get(topology);
            if (!runs) this.runs.set(topology, runs = new Map());
            let run = runs.get(check);
            if (!run || run.served.has(model)) {
                run = await this.runOnce(check, files.main, cancelToken);
                runs.set(check, run);
            }
            run.served.add(model);
            for (const finding of run.findings.get(model) ?? []) accept(finding.severity, finding.message, finding.info);
            for (const allow of run.allowsUsed) if (AstUtils.findRootNode(allow) === model) this.reporter.markAllowUsed(allow);
        };
    }

    private async runOnce(check: ValidationCheck<Model>, main: Model, cancelToken: CancellationToken): Promise<SystemRun> {
        const findings = new Map<AstNode, Finding[]>();
        const collect: ValidationAcceptor = (severity, message, info) => {
            const root = AstUtils.findRootNode(info.node);
            let found = findings.get(root);
            if (!found) findings.set(root, found = []);
            found.push({ severity, message, info });
        };
        const allowsUsed = await this.reporter.collectAllowsUsed(async () => {
            await check(main, collect, cancelToken);
        });
        return { findings, allowsUsed, served: new Set() };
    }
}
