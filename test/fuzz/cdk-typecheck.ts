import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem, URI } from 'langium';
import { generateCdkApp } from '../../language/src/generator/cdk/generate.js';
import { getTopology } from '../../language/src/model/topology.js';
import { createResilServices } from '../../language/src/resil-module.js';
import { buildDocument } from '../../language/src/workspace/documents.js';
import { REPO_ROOT as ROOT } from '../support/paths.js';

/**
 * Type-checks the CDK apps generated for some designs in one `tsc` run (aws-cdk-lib's types make each run take
 * seconds, so the fuzzer checks a sample). The apps are written under out/, inside the repository, so that
 * aws-cdk-lib, constructs, cdk-nag and @types/node resolve from its node_modules.
 */
export interface TypecheckResult {
    readonly ok: boolean;
    readonly output: string;
    readonly folder: string;
}

export async function typecheckGeneratedApps(designs: readonly string[], name = 'fuzz-cdk'): Promise<TypecheckResult> {
    const folder = path.join(ROOT, 'out', name);
    fs.rmSync(folder, { recursive: true, force: true });
    const services = createResilServices(EmptyFileSystem).Resil;
    for (const [i, text] of designs.entries()) {
        const document = await buildDocument(services, text, URI.file(`/fuzz/cdk-${i}.resil`));
        const app = generateCdkApp(getTopology(document.parseResult.value), { sourceName: `design-${i}.resil` });
        for (const file of app.files) {
            const target = path.join(folder, `app-${i}`, file.path);
            fs.mkdirSync(path.dirname(target), { recursive: true });
            fs.writeFileSync(target, file.content);
        }
    }
    const appConfig = JSON.parse(fs.readFileSync(path.join(folder, 'app-0', 'tsconfig.json'), 'utf8')) as { compilerOptions: object };
    fs.writeFileSync(path.join(folder, 'tsconfig.json'), JSON.stringify({
        compilerOptions: appConfig.compilerOptions,
        include: designs.flatMap((_, i) => [`app-${i}/bin/**/*.ts`, `app-${i}/lib/**/*.ts`]),
    }));
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const run = spawnSync(process.execPath, [tsc, '-p', path.join(folder, 'tsconfig.json'), '--noEmit'], { encoding: 'utf8', cwd: folder });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim(), folder };
}
