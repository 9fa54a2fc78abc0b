import { regionOfZone, ZoneResolver, type ZoneToken } from './availability-zones.js';
import type { ImportedDesign, ImportedEdge, ImportedElement, SkippedResource } from './design.js';
import type { EdgeContext } from './edge-context.js';
import { defaultBusKey, EVENT_RULE_TYPES, STATED_EDGE_READERS } from './edges.js';
import { INFERRED_EDGE_READERS } from './inferred-uses.js';
import { NestingTooDeep } from './intrinsics.js';
import { mappingOf } from './kinds/index.js';
import { consumerMembers, foldElements, inDesignOrder, stackElements, statedReplicas, systemModel, type ElementModel } from './model-metadata.js';
import type { MappingContext } from './mapping-context.js';
import { suggestedName } from './names.js';
import { bucketReplications, withReplicationTimeControl } from './replication.js';
import { skipReason } from './skip-list.js';
import { prop, type PropertyName, type SourceResource, type SourceStack } from './source.js';

/** Resources that belong to an element without being one: what references them reaches the element. */
const PARTS: Array<[types: string[], owner: PropertyName]> = [
    [['AWS::Lambda::Alias', 'AWS::Lambda::Version', 'aws_lambda_alias'], prop('FunctionName', 'function_name')],
    [['AWS::Kinesis::StreamConsumer', 'aws_kinesis_stream_consumer'], prop('StreamARN', 'stream_arn')],
    [['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment', 'aws_api_gateway_stage', 'aws_api_gateway_deployment'], prop('RestApiId', 'rest_api_id')],
    [['AWS::ApiGatewayV2::Stage', 'aws_apigatewayv2_stage'], prop('ApiId', 'api_id')],
    [['AWS::RDS::DBInstance', 'aws_rds_cluster_instance'], prop('DBClusterIdentifier', 'cluster_identifier')],
];

/** Maps the stacks' resources onto the language's kinds, then reads the edges between the elements. */
export function importDesign(stacks: readonly SourceStack[]): ImportedDesign {
    const skipped: SkippedResource[] = [];
    const usable: SourceResource[] = [];
    const referrersOf = new Map<string, SourceResource[]>();
    for (const resource of stacks.flatMap(s => s.resources)) {
        try {
            for (const target of resource.view.references()) pushTo(referrersOf, target, resource);
            usable.push(resource);
        } catch (error) {
            if (!(error instanceof NestingTooDeep)) throw error;
            skipped.push({ resource, reason: error.message });
        }
    }
    const byKey = new Map(usable.map(r => [r.key, r]));
    const byType = new Map<string, SourceResource[]>();
    for (const resource of usable) pushTo(byType, resource.type, resource);
    const zones = new ZoneResolver(byKey);
    const context: MappingContext = {
        zones,
        resource: key => byKey.get(key),
        referrers: (key, types, path) => (referrersOf.get(key) ?? [])
            .filter(r => types.includes(r.type) && (path === undefined || r.view.references(path).includes(key))),
    };

    const providers = customResourceProviders(usable);
    const drafts: Array<Omit<ImportedElement, 'region'> & { stack: SourceStack; replicaRegions?: readonly string[] }> = [];
    for (const resource of usable) {
        const mapping = mappingOf(resource.type);
        if (providers.has(resource.key)) {
            skipped.push({ resource, reason: 'the provider of a custom resource: it runs when the stack deploys' });
            continue;
        }
        if (!mapping) {
            skipped.push({ resource, reason: skipReason(resource.type) });
            continue;
        }
        try {
            const mapped = mapping.map(resource, context);
            if ('notMapped' in mapped) {
                skipped.push({ resource, reason: mapped.notMapped });
                continue;
            }
            drafts.push({
                kind: mapped.kind ?? mapping.kind, source: resource, suggestedName: suggestedName(resource), zones: mapped.zones ?? [],
                header: mapped.header, members: mapped.members, hints: mapped.hints ?? [], stack: resource.stack, replicaRegions: mapped.replicaRegions,
            });
        } catch (error) {
            if (!(error instanceof NestingTooDeep)) throw error;
            skipped.push({ resource, reason: error.message });
        }
    }
    for (const rule of EVENT_RULE_TYPES.flatMap(type => byType.get(type) ?? [])) {
        const named = rule.view.value(prop('EventBusName', 'event_bus_name'));
        if (rule.view.references(prop('EventBusName', 'event_bus_name')).length > 0 || (named !== undefined && named !== 'default')) continue;
        if (drafts.some(d => d.source.key === defaultBusKey(rule))) continue;
        drafts.push({
            kind: 'eventbridge', source: { ...rule, key: defaultBusKey(rule) }, suggestedName: 'defaultBus', zones: [], members: [],
            hints: [`the account's default event bus, which rule ${rule.id} is on`], stack: rule.stack,
        });
    }

    const folded = foldElements(drafts, usable, skipped);
    for (let i = 0; i < drafts.length; i++) {
        if (drafts[i].model?.kind !== 'kinesis-consumer') continue;
        const mappings = context.referrers(drafts[i].source.key, ['AWS::Lambda::EventSourceMapping', 'aws_lambda_event_source_mapping'], prop('FunctionName', 'function_name'));
        const placement = drafts[i].members.filter(m => typeof m !== 'string');
        drafts[i] = { ...drafts[i], members: [...placement, ...consumerMembers(mappings)] };
    }
    mergeNatGateways(drafts, byKey, skipped);
    const regionOfStack = new Map(stacks.map(stack => [stack.name, stack.region ?? drafts
        .filter(d => d.stack === stack).flatMap(d => d.zones).map(regionOfZone).find(r => r !== undefined)]));
    const elements: ImportedElement[] = [];
    const edges: ImportedEdge[] = [];
    for (const { stack, replicaRegions, ...draft } of drafts) {
        const region = regionOfStack.get(stack.name);
        elements.push({ ...draft, region });
        for (const replicaRegion of replicaRegions ?? []) {
            const key = `${draft.source.key}@${replicaRegion}`;
            const model = replicaModel(stacks, draft.model, replicaRegion);
            elements.push({
                ...draft, source: { ...draft.source, key }, region: replicaRegion, hints: [`a replica of the global table ${draft.source.id}`],
                model, suggestedName: model?.element.split('.').pop() ?? draft.suggestedName,
            });
            edges.push({ relation: 'replica-of', from: key, to: draft.source.key });
        }
    }

    sameRegionReplicas(elements, edges);
    const elementByKey = new Map(elements.map(e => [e.source.key, e]));
    const ownerOf = new Map<string, string>();
    for (const [types, path] of PARTS) {
        for (const part of types.flatMap(type => byType.get(type) ?? [])) {
            const owner = part.view.references(path).find(key => elementByKey.has(key));
            if (owner && !elementByKey.has(part.key)) ownerOf.set(part.key, owner);
        }
    }
    for (const [part, owner] of folded) if (!elementByKey.has(part)) ownerOf.set(part, owner);
    // A custom domain name belongs to the API its base path mapping maps it to: a DNS record aliasing it reaches the API.
    for (const mapping of ['AWS::ApiGateway::BasePathMapping', 'AWS::ApiGatewayV2::ApiMapping'].flatMap(type => byType.get(type) ?? [])) {
        const domain = mapping.view.references(prop('DomainName', undefined))[0];
        const api = mapping.view.references(prop(mapping.type === 'AWS::ApiGateway::BasePathMapping' ? 'RestApiId' : 'ApiId', undefined)).find(key => elementByKey.has(key) || folded.has(key));
        if (domain !== undefined && api !== undefined && !elementByKey.has(domain)) ownerOf.set(domain, folded.get(api) ?? api);
    }
    const edgeContext: EdgeContext = {
        ofTypes: types => types.flatMap(type => byType.get(type) ?? []),
        resource: key => byKey.get(key),
        owner: key => (elementByKey.has(key) ? key : ownerOf.get(key)),
        kindOf: key => elementByKey.get(key)?.kind,
    };
    edges.push(...STATED_EDGE_READERS.flatMap(read => read(edgeContext)));
    withReplicationTimeControl(elements, bucketReplications(edgeContext));
    sameRegionReplicas(elements, edges);
    edges.push(...statedReplicas(elements, edges.map(edge => foldedEdge(edge, folded))));
    const stated = new Set(edges.flatMap(e => [`${e.from}>${e.to}`, `${e.to}>${e.from}`]));
    edges.push(...INFERRED_EDGE_READERS.flatMap(read => read(edgeContext)).filter(e => !stated.has(`${e.from}>${e.to}`)));

    const notes = stacks.filter(s => regionOfStack.get(s.name) === undefined && elements.some(e => e.source.stack === s && e.region === undefined))
        .map(s => `${s.file}: the code does not say the region of stack ${s.name}; its services are in region \`main\` (name it with --region)`);
    return { elements: inDesignOrder(elements), edges: uniqueEdges(edges.map(edge => foldedEdge(edge, folded)), elementByKey), skipped, notes, system: systemModel(stacks) };
}

/** An edge read from a resource the element's own stands for (a cell replica's, a part's) is the element's edge. */
function foldedEdge(edge: ImportedEdge, folded: ReadonlyMap<string, string>): ImportedEdge {
    if (folded.size === 0) return edge;
    const key = (k: string | undefined) => (k === undefined ? undefined : folded.get(k) ?? k);
    return { ...edge, from: key(edge.from)!, to: key(edge.to)!, secondary: key(edge.secondary), deadLetter: key(edge.deadLetter) };
}

/** The element a stack states for a global table's replica in its region, which the app reads by name. */
function replicaModel(stacks: readonly SourceStack[], source: ElementModel | undefined, region: string): ElementModel | undefined {
    if (!source) return undefined;
    return stacks.filter(s => s.region === region).flatMap(stackElements).find(m => m.replicaOf === source.element);
}

function uniqueEdges(edges: readonly ImportedEdge[], elements: ReadonlyMap<string, ImportedElement>): ImportedEdge[] {
    const seen = new Set<string>();
    return edges.filter(edge => {
        if (!elements.has(edge.from) || !elements.has(edge.to) || edge.from === edge.to) return false;
        const id = `${edge.relation}|${edge.from}|${edge.to}|${edge.label ?? ''}`;
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
    });
}

/**
 * `replica of` is a copy in another region; a read replica in its source's region is a reader the language does not
 * model on its own: the edge is dropped and the element says so.
 */
function sameRegionReplicas(elements: ImportedElement[], edges: ImportedEdge[]): void {
    const byKey = new Map(elements.map((e, i) => [e.source.key, i]));
    for (let i = edges.length - 1; i >= 0; i--) {
        const edge = edges[i];
        if (edge.relation !== 'replica-of') continue;
        const [from, to] = [byKey.get(edge.from), byKey.get(edge.to)];
        if (from === undefined || to === undefined || elements[from].region !== elements[to].region) continue;
        edges.splice(i, 1);
        elements[from] = { ...elements[from], hints: [...elements[from].hints, `a read replica of ${elements[to].source.id} in the same region: Resil's \`replica of\` is a copy in another region`] };
    }
}

function pushTo<T>(map: Map<string, T[]>, key: string, item: T): void {
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
}

/** Functions that a custom resource's `ServiceToken` names (CDK's providers, a template's own custom resources). */
function customResourceProviders(resources: readonly SourceResource[]): Set<string> {
    return new Set(resources.filter(r => r.type.startsWith('Custom::') || r.type === 'AWS::CloudFormation::CustomResource')
        .flatMap(r => r.view.references(prop('ServiceToken', undefined))));
}

type Draft = { kind: string; source: SourceResource; zones: readonly ZoneToken[] };

/**
 * A VPC's NAT gateways, one per AZ, are one `nat` element placed in each of their AZs: the language places a NAT
 * gateway per AZ that way, and each AZ's subnets reach the internet through their own.
 */
function mergeNatGateways<T extends Draft>(drafts: T[], byKey: ReadonlyMap<string, SourceResource>, skipped: SkippedResource[]): void {
    const firstOfVpc = new Map<string, number>();
    for (let i = 0; i < drafts.length; i++) {
        const draft = drafts[i];
        if (draft.kind !== 'nat') continue;
        const subnet = byKey.get(draft.source.view.references(prop('SubnetId', 'subnet_id'))[0] ?? '');
        const vpc = subnet?.view.references(prop('VpcId', 'vpc_id'))[0];
        if (vpc === undefined) continue;
        const first = firstOfVpc.get(vpc);
        if (first === undefined) {
            firstOfVpc.set(vpc, i);
            continue;
        }
        drafts[first] = { ...drafts[first], zones: [...new Set([...drafts[first].zones, ...draft.zones])] };
        skipped.push({ resource: draft.source, reason: `a NAT gateway of the same VPC as ${drafts[first].source.id}: its nat element is placed in this one's AZ too` });
        drafts.splice(i, 1);
        i--;
    }
}
