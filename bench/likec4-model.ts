import { blockLayout, SERVICES_PER_BLOCK } from '../test/support/generate-model.js';

/**
 * The generated Resil model (test/support/generate-model.ts) in LikeC4's notation, for the side-by-side benchmark:
 * the same regions, blocks dealt over them the same way, the same 20 services per block as elements (their AWS
 * kind as `technology`), the cell as an element holding its two services, and every `uses`, `consumes`, `dlq`,
 * `replica of`, `failover` and router link as a relationship. One `.c4` file, no view.
 */

/** The block's services and what each is, as in generate-model.ts's `block` (the router is an element there too). */
const BLOCK_SERVICES: ReadonlyArray<readonly [string, string]> = [
    ['edge', 'alb'], ['edgeStandby', 'alb'], ['api', 'ecs'], ['admin', 'ecs'], ['sessions', 'elasticache'], ['reco', 'eks'],
    ['thumbs', 'lambda'], ['rt', 'router'], ['jobs', 'sqs'], ['jobsDlq', 'sqs'], ['worker', 'ecs'], ['orders', 'dynamodb'],
    ['ordersCopy', 'dynamodb'], ['events', 'sns'], ['eventsDlq', 'sqs'], ['notify', 'lambda'], ['clicks', 'kinesis'],
    ['agg', 'kinesis consumer'], ['clicksDlq', 'sqs'],
];
const CELL_SERVICES: ReadonlyArray<readonly [string, string]> = [['authorize', 'lambda'], ['ledger', 'dynamodb']];

/** Links inside a block, by service name (`pay.` names the cell's services), with their Resil keyword as title. */
const BLOCK_LINKS: ReadonlyArray<readonly [string, string, string]> = [
    ['edge', 'api', 'uses'], ['edge', 'admin', 'uses soft'], ['edgeStandby', 'admin', 'uses'],
    ['api', 'rt', 'uses'], ['api', 'sessions', 'uses'], ['api', 'reco', 'uses soft'], ['api', 'thumbs', 'uses soft'],
    ['api', 'clicks', 'uses async'], ['api', 'jobs', 'uses async'], ['admin', 'ordersCopy', 'uses'], ['thumbs', 'orders', 'uses'],
    ['rt', 'pay.authorize', 'routes'], ['pay.authorize', 'pay.ledger', 'uses'], ['jobs', 'jobsDlq', 'dlq'],
    ['worker', 'jobs', 'consumes'], ['worker', 'orders', 'uses'], ['worker', 'events', 'uses async'], ['events', 'eventsDlq', 'dlq'],
    ['notify', 'eventsDlq', 'dlq'], ['notify', 'events', 'consumes'], ['agg', 'clicks', 'consumes'], ['agg', 'clicksDlq', 'on-failure'],
];

export interface LikeC4Model {
    readonly text: string;
    /** Elements standing for services (Resil's count), and elements in all (with regions and cells). */
    readonly services: number;
    readonly elements: number;
    readonly relationships: number;
}

export function generateLikeC4Model(services: number): LikeC4Model {
    const { blocks, regions, regionOf, partnerOf } = blockLayout({ services });
    const out = [
        `// The generated ${blocks * SERVICES_PER_BLOCK}-service Resil model of the benchmarks, in LikeC4 (bench/likec4-model.ts).`,
        'specification {', '  element region', '  element cell', '  element service', '}', 'model {',
    ];
    let elements = 0;
    let relationships = 0;
    const service = (indent: string, name: string, kind: string) => {
        elements++;
        out.push(`${indent}${name} = service '${name}' {`, `${indent}  technology '${kind}'`, `${indent}}`);
    };
    for (let b = 0; b < blocks; b++) service('  ', `dns${b}`, 'route53');
    for (let r = 0; r < regions.length; r++) {
        const [name, code] = regions[r];
        elements++;
        out.push(`  ${name} = region '${code}' {`);
        for (let b = r; b < blocks; b += regions.length) {
            for (const [member, kind] of BLOCK_SERVICES) service('    ', `${member}${b}`, kind);
            elements++;
            out.push(`    pay${b} = cell 'pay${b}' {`);
            for (const [member, kind] of CELL_SERVICES) service('      ', `${member}${b}`, kind);
            out.push('    }');
        }
        out.push('  }');
    }
    const link = (from: string, to: string, title: string) => {
        relationships++;
        out.push(`  ${from} -> ${to} '${title}'`);
    };
    for (let b = 0; b < blocks; b++) {
        const region = regionOf(b);
        const partner = partnerOf(b);
        const qualified = (name: string) => name.startsWith('pay.') ? `${region}.pay${b}.${name.slice(4)}${b}` : `${region}.${name}${b}`;
        for (const [from, to, title] of BLOCK_LINKS) link(qualified(from), qualified(to), title);
        link(qualified('ordersCopy'), `${regionOf(partner)}.orders${partner}`, 'replica of');
        link(`dns${b}`, qualified('edge'), 'failover primary');
        link(`dns${b}`, `${regionOf(partner)}.edgeStandby${partner}`, 'failover secondary');
    }
    // No view: `resil check` draws nothing, so LikeC4 is not asked to compute one either.
    out.push('}', '');
    const servicesCounted = blocks * (BLOCK_SERVICES.length - 2 + CELL_SERVICES.length + 1);
    return { text: out.join('\n'), services: servicesCounted, elements, relationships };
}
