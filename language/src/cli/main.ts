import { parseArgs } from 'node:util';
import { BLAST_RADIUS_USAGE, runBlastRadius } from './blast-radius-command.js';
import { parseFailOn, parseFormat, runCheck } from './check-command.js';
import { DIAGRAM_USAGE, runDiagram } from './diagram-command.js';
import { GENERATE_USAGE, runGenerate } from './generate-command.js';
import { UsageError } from './load.js';

const USAGE = `Usage: resil <command> [options]

Commands:
  check <files or folders...> [--format text|json|sarif] [--fail-on error|warning|info]
      Parse, link and check designs; folders are searched for .resil files.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or a file that does not parse or link.
`;

export interface CliResult {
    readonly stdout: string;
    readonly stderr: string;
    readonly exitCode: number;
}

type Command = (args: string[]) => Promise<CliResult>;

const COMMANDS: Record<string, Command> = {
    check: async (args) => {
        const { values, positionals } = parseArgs({
            args, allowPositionals: true, strict: true,
            options: { format: { type: 'string' }, 'fail-on': { type: 'string' } },
        });
        const result = await runCheck({ inputs: positionals, format: parseFormat(values.format), failOn: parseFailOn(values['fail-on']) });
        return { stdout: result.output, stderr: '', exitCode: result.exitCode };
    },
};

/** Registers a further subcommand (blast-radius, diagram, generate ...). */
export function registerCommand(name: string, command: Command, usage: string): void {
    COMMANDS[name] = command;
    extraUsage.push(usage);
}
const extraUsage: string[] = [];

export async function runCli(argv: readonly string[]): Promise<CliResult> {
    const [name, ...args] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
        return { stdout: usage(), stderr: '', exitCode: name === undefined ? 2 : 0 };
    }
    const command = COMMANDS[name];
    if (!command) return { stdout: '', stderr: `resil: unknown command '${name}'\n\n${usage()}`, exitCode: 2 };
    try {
        return await command(args);
    } catch (error) {
        if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
            return { stdout: '', stderr: `resil ${name}: ${(error as Error).message}\n`, exitCode: 2 };
        }
        // A bug of ours, not the user's input: one line, no stack trace (RESIL_DEBUG=1 shows it).
        const detail = process.env.RESIL_DEBUG && error instanceof Error ? error.stack : error instanceof Error ? error.message : String(error);
        return { stdout: '', stderr: `resil ${name}: internal error: ${detail}\nPlease report this with the design that caused it.\n`, exitCode: 2 };
    }
}

function usage(): string {
    return USAGE + extraUsage.map(u => `  ${u}\n`).join('');
}

registerCommand('blast-radius', runBlastRadius, BLAST_RADIUS_USAGE);
registerCommand('diagram', runDiagram, DIAGRAM_USAGE);
registerCommand('generate', runGenerate, GENERATE_USAGE);
