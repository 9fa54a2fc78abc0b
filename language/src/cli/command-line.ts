import { parseArgs } from 'node:util';

/** One option of a command: what `parseArgs` needs, plus the words `--help` shows for it. */
export interface OptionDefinition {
    readonly type: 'string' | 'boolean';
    readonly short?: string;
    readonly multiple?: boolean;
    /** What the value stands for in the help (`NAME`, `FILE`); string options only. */
    readonly value?: string;
    readonly help: string;
}

/**
 * A command's arguments, declared once: the parser reads them and `--help` describes them, so a new command or a
 * new option is documented by declaring it.
 */
export interface CommandDefinition<Options extends Record<string, OptionDefinition>> {
    /** As typed after `resil`: `diagram`, `generate cdk`. */
    readonly name: string;
    /** The positional arguments, as the synopsis shows them: `<file>`. */
    readonly positionals: string;
    /** What the command does, one or a few sentences. */
    readonly summary: string;
    readonly options: Options;
}

/** Declares a command; the options keep their literal types, so that `parseCommandLine` types their values. */
export function defineCommand<Options extends Record<string, OptionDefinition>>(definition: CommandDefinition<Options>): CommandDefinition<Options> {
    return definition;
}

/** `--help` or `-h` was given: the command prints its help instead of running. */
export class HelpRequested extends Error {
    constructor(readonly text: string) {
        super(text);
        this.name = 'HelpRequested';
    }
}

/** Parses a command's arguments strictly; `--help` and `-h` (before a `--`) throw `HelpRequested` with its help. */
export function parseCommandLine<Options extends Record<string, OptionDefinition>>(definition: CommandDefinition<Options>, args: string[]) {
    const end = args.indexOf('--');
    const own = end < 0 ? args : args.slice(0, end);
    if (own.includes('--help') || own.includes('-h')) throw new HelpRequested(commandHelp(definition));
    return parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: Options }>(
        { args, allowPositionals: true, strict: true, options: definition.options });
}

/** `Usage: resil diagram <file> [options]`, the summary, then one line per option with what it does. */
export function commandHelp(definition: CommandDefinition<Record<string, OptionDefinition>>): string {
    const options = Object.entries(definition.options).map(([name, option]) => ({ flag: optionFlag(name, option), help: option.help }));
    options.push({ flag: '-h, --help', help: 'Show this help.' });
    const width = Math.max(...options.map(o => o.flag.length));
    const lines = [
        `Usage: resil ${definition.name} ${definition.positionals} [options]`,
        '',
        definition.summary,
        '',
        'Options:',
        ...options.map(o => `  ${o.flag.padEnd(width)}  ${o.help}`),
    ];
    return lines.join('\n') + '\n';
}

/** `-o, --output FILE`, `--fail NAME (repeatable)`, `--force`. */
function optionFlag(name: string, option: OptionDefinition): string {
    const short = option.short ? `-${option.short}, ` : '';
    const value = option.type === 'string' ? ` ${option.value ?? 'VALUE'}` : '';
    const repeat = option.multiple ? ' (repeatable)' : '';
    return `${short}--${name}${value}${repeat}`;
}
