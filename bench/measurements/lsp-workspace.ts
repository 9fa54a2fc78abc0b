import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateWorkspace, type GeneratedFile } from '../../test/support/generate-model.js';
import { LspClient, pathToUri } from '../../test/support/lsp-client.js';
import { registerMeasurement } from '../registry.js';

/**
 * An edit in a company-sized workspace: 250 files, 50,000 services, 25 systems of 2,000 services each in 10 files
 * (a system file, three region files, six `in region` files). The edit re-checks its own system, not the workspace.
 */

const SHAPE = { systems: 25, servicesPerSystem: 2000, regions: 3, blockFilesPerRegion: 2 } as const;
/** The file edited: a team's `in region` file of the first system. */
const EDITED = 'sys0/use1/team1.resil';

interface WorkspaceState {
    folder: string;
    client: LspClient;
    files: GeneratedFile[];
    text: string;
    version: number;
    /** Per run: until every file of the edited system was published again. */
    systemMs: number[];
}

registerMeasurement<WorkspaceState>({
    name: 'lsp-workspace-edit-50k',
    title: 'LSP: an edit in a 250-file, 50,000-service workspace, to its diagnostics',
    budget: { ms: 500 },
    runs: 9,
    warmups: 1,
    timeoutMs: 20 * 60_000,
    note: `the built \`dist/server.cjs\` over stdio with a workspace folder of ${SHAPE.systems} generated systems of ${SHAPE.servicesPerSystem.toLocaleString('en')} services, each in 10 files (\`test/support/generate-model.ts\`'s \`generateWorkspace\`), loaded at start; \`${EDITED}\` is open. Each run changes \`tasks 6\` of an ECS service there (6 -> 7 -> 6...) and times \`didChange\` to the edited file's \`publishDiagnostics\`; the time until all 10 files of its system are published again is listed below. Peak memory is the server's (VmHWM).`,
    prepare: async () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-bench-workspace-'));
        const files = generateWorkspace(SHAPE);
        for (const { file, text } of files) {
            fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
            fs.writeFileSync(path.join(folder, file), text);
        }
        const client = await LspClient.start({ workspaceFolder: folder });
        const state: WorkspaceState = { folder, client, files, text: files.find(f => f.file === EDITED)!.text, version: 1, systemMs: [] };
        const checked = systemUris(state).map(uri => client.nextDiagnostics(uri, () => true, 15 * 60_000));
        client.open(uriOf(state, EDITED), state.text, state.version);
        await Promise.all(checked);
        return state;
    },
    run: async (state) => {
        state.version++;
        const text = state.version % 2 === 0 ? state.text.replace('tasks 6', 'tasks 7') : state.text;
        const system = Promise.all(systemUris(state).map(uri => state.client.nextDiagnostics(uri, () => true, 120_000)));
        const edited = state.client.nextDiagnostics(uriOf(state, EDITED), () => true, 120_000);
        const start = performance.now();
        state.client.change(uriOf(state, EDITED), text, state.version);
        const { at } = await edited;
        const all = await system;
        state.systemMs.push(Math.max(...all.map(p => p.at)) - start);
        return at - start;
    },
    peakMb: (state) => state.client.memoryMb().peak,
    details: (state) => [`until all 10 files of the edited system are published: ${state.systemMs.map(ms => `${Math.round(ms)} ms`).join(', ')}`],
    dispose: async (state) => {
        await state.client.stop();
        fs.rmSync(state.folder, { recursive: true, force: true });
    },
});

function uriOf(state: WorkspaceState, file: string): string {
    return pathToUri(path.join(state.folder, file));
}

/** The files of the edited file's system. */
function systemUris(state: WorkspaceState): string[] {
    const system = EDITED.split('/')[0];
    return state.files.filter(f => f.file.startsWith(`${system}/`)).map(f => uriOf(state, f.file));
}
