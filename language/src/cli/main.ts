import { messageOf } from '../util/errors.js';
import { terminalOutput, terminalText } from '../util/sanitise.js';
import { HelpRequested } from './command-line.js';
import { UsageError, userFileError } from './usage-error.js';

const USAGE = `Usage: resil <command> [options]

Commands:
  check <files or folders...> [--format text|json|sarif] [--fail-on error|warning|info]
      Parse, link and check designs; folders are searched for .resil files.
  blast-radius <file> [--fail NAME]... [--scenario NAME] [--format text|json]
      Simulate failures: every region, AZ and cell replica alone, or the names given with --fail together,
      or a scenario block. NAME: use1, use1.a, use1.payments, use1.payments[2], use1.payments[2].authorize, dns.
  diagram <file> -o out.svg|out.png [--fail NAME]... [--scenario NAME] [--expand CELL]... [--force]
      Draw the topology as SVG or PNG; with --fail or --scenario, colour what the failure takes down.
      --expand draws a cell once per replica. --force replaces a file that resil did not draw (it never
      replaces one otherwise; its own diagrams it redraws without asking).
  report <file> [--format markdown|html]
      Print the resilience report: requirements, estimated RTO/RPO per disruption against the targets, the DR
      strategy, availability per entry point with its derivation, every scenario's blast radius and the findings
      by failure category. HTML is one self-contained page with the diagram.
  generate cdk <file> -o <folder> [--force] [--strict]
      Write an AWS CDK v2 app (TypeScript) for the design. Regenerating keeps files you added or changed.
      A design with errors (exit 2, the errors printed), or a non-empty folder that resil did not generate,
      is refused unless --force. What the app cannot carry is listed on stderr; --strict then exits 1.
  import <template.json|.yaml | cdk.out | plan.json> [-o design.resil] [--region CODE] [--force]
      Write a design from a CloudFormation template, a CDK cloud assembly or a Terraform plan (terraform show
      -json): the resources mapped onto Resil's kinds, AZs from subnets, the edges the code states, and the
      resources not mapped, with why, at the top. An existing file is replaced only with --force.

\`resil <command> --help\` (or \`resil help <command>\`) lists a command's options.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or a file that does not parse or link.
`;

export interface CliResult {
    readonly stdout: string;
    readonly stderr: string;
    readonly exitCode: number;
}

type Command = (args: string[]) => Promise<CliResult>;

// Each command loads its modules only when it runs: the diagram's layout engine or the CDK generator would
// otherwise slow every `resil check` down at start-up.
const COMMANDS: Record<string, () => Promise<Command>> = {
    check: async () => (await import('./check-command.js')).runCheckCommand,
    'blast-radius': async () => (await import('./blast-radius-command.js')).runBlastRadius,
    diagram: async () => (await import('./diagram-command.js')).runDiagram,
    report: async () => (await import('./report-command.js')).runReport,
    generate: async () => (await import('./generate-command.js')).runGenerate,
    import: async () => (await import('./import-command.js')).runImport,
};

/** Every command `resil` knows. */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

export async function runCli(argv: readonly string[]): Promise<CliResult> {
    return printable(await runCommand(argv));
}

/** Whatever a command prints, design text and the user's arguments included, reaches the terminal inert. */
function printable(result: CliResult): CliResult {
    return { stdout: terminalOutput(result.stdout), stderr: terminalOutput(result.stderr), exitCode: result.exitCode };
}

async function runCommand(argv: readonly string[]): Promise<CliResult> {
    const [first, ...rest] = argv;
    // `resil help diagram` is `resil diagram --help`.
    const [name, args] = first === 'help' && rest.length > 0 ? [rest[0], ['--help']] : [first, rest];
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
        return { stdout: usage(), stderr: '', exitCode: name === undefined ? 2 : 0 };
    }
    const load = COMMANDS[name];
    if (!load) return { stdout: '', stderr: `resil: unknown command '${terminalText(name)}'\n\n${usage()}`, exitCode: 2 };
    try {
        const command = await load();
        return await command(args);
    } catch (error) {
        if (error instanceof HelpRequested) return { stdout: error.text, stderr: '', exitCode: 0 };
        const usageError = error instanceof UsageError ? error : userFileError(error);
        if (usageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
            return { stdout: '', stderr: `resil ${name}: ${(usageError ?? error as Error).message}\n`, exitCode: 2 };
        }
        // A bug of ours, not the user's input: one line, no stack trace (RESIL_DEBUG=1 shows it).
        const detail = process.env.RESIL_DEBUG && error instanceof Error ? error.stack : messageOf(error);
        return { stdout: '', stderr: `resil ${name}: internal error: ${detail}\nPlease report this with the design that caused it.\n`, exitCode: 2 };
    }
}

function usage(): string {
    return USAGE;
}

