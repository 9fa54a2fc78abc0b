import * as assert from 'node:assert';
import { COMMAND_NAMES } from '../../language/src/cli/main.js';
import { runResil } from '../support/cli.js';

describe('resil <command> --help (built binary)', function () {
    this.timeout(60_000);

    for (const command of COMMAND_NAMES) {
        it(`${command} --help prints its usage and options and exits 0`, () => {
            const result = runResil([command, '--help']);
            assert.strictEqual(result.status, 0, result.stderr);
            assert.strictEqual(result.stderr, '');
            assert.match(result.stdout, new RegExp(`^Usage: resil ${command} `));
            assert.match(result.stdout, /\nOptions:\n/);
            assert.match(result.stdout, /-h, --help {2,}Show this help\./);
        });
    }

    it('describes each option of diagram with its value and what it does', () => {
        const { stdout } = runResil(['diagram', '-h']);
        assert.match(stdout, /-o, --output out\.svg\|out\.png +The file to write/);
        assert.match(stdout, /--fail NAME \(repeatable\) +Colour what failing this/);
        assert.match(stdout, /--force +Replace a file that resil did not draw/);
    });

    it('answers --help even after other arguments, without running the command', () => {
        const result = runResil(['diagram', 'missing.resil', '--help']);
        assert.strictEqual(result.status, 0, result.stderr);
        assert.match(result.stdout, /^Usage: resil diagram <file> \[options\]/);
    });

    it('`resil help <command>` is `resil <command> --help`', () => {
        assert.strictEqual(runResil(['help', 'generate']).stdout, runResil(['generate', '--help']).stdout);
    });

    it('takes --help after `--` as a file name, not as a request for help', () => {
        const result = runResil(['check', '--', '--help']);
        assert.strictEqual(result.status, 2);
        assert.doesNotMatch(result.stdout, /^Usage:/);
    });

    it('the general usage says how to get a command\'s help', () => {
        assert.match(runResil(['--help']).stdout, /`resil <command> --help`/);
    });
});
