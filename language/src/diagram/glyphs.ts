import type { ComponentKind } from '../model/topology.js';

/**
 * Our own service glyphs: simple line drawings in a 24×24 box, stroked in white on a tile coloured by category
 * (compute, data, messaging, streaming, network), so that they read on light, dark and high-contrast themes.
 */
export type GlyphCategory = 'compute' | 'data' | 'messaging' | 'streaming' | 'network';

const CIRCLE = 'M3 12a9 9 0 1 0 18 0a9 9 0 1 0-18 0';
const CYLINDER = 'M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3v12c0 1.7-3.6 3-8 3s-8-1.3-8-3z M4 6c0 1.7 3.6 3 8 3s8-1.3 8-3';

export const GLYPHS: Readonly<Record<ComponentKind, { readonly path: string; readonly category: GlyphCategory }>> = {
    lambda: { category: 'compute', path: 'M6 4h3l9 16h2 M11.5 10L6 20' },
    ecs: { category: 'compute', path: 'M3 6h18v12H3z M3 12h18 M9 6v12 M15 6v12' },
    eks: { category: 'compute', path: 'M12 2.5l8.2 4.75v9.5L12 21.5l-8.2-4.75v-9.5z M12 7.5v9 M8.1 9.75l7.8 4.5 M15.9 9.75l-7.8 4.5' },
    dynamodb: { category: 'data', path: `${CYLINDER} M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3` },
    elasticache: { category: 'data', path: `${CYLINDER} M13 10.5l-3 4h4l-3 4` },
    kinesis: { category: 'streaming', path: 'M3 7c3-3 6 3 9 0s6 3 9 0 M3 12c3-3 6 3 9 0s6 3 9 0 M3 17c3-3 6 3 9 0s6 3 9 0' },
    'kinesis-consumer': { category: 'streaming', path: `${CIRCLE} M10 8.5l5 3.5-5 3.5z` },
    sqs: { category: 'messaging', path: 'M3 7h18v10H3z M7.5 7v10 M12 7v10 M16.5 7v10' },
    sns: { category: 'messaging', path: 'M10 12a2 2 0 1 0 4 0a2 2 0 1 0-4 0 M7.8 7.8a6 6 0 0 0 0 8.4 M16.2 7.8a6 6 0 0 1 0 8.4 M5 5a10 10 0 0 0 0 14 M19 5a10 10 0 0 1 0 14' },
    alb: { category: 'network', path: `${CIRCLE} M6.5 12H10 M10 12l5.5-4 M10 12h5.5 M10 12l5.5 4` },
    route53: { category: 'network', path: `${CIRCLE} M3 12h18 M12 3c-3.2 3-3.2 15 0 18 M12 3c3.2 3 3.2 15 0 18` },
    router: { category: 'network', path: 'M12 3l9 9-9 9-9-9z M8 12h8 M13 9l3 3-3 3' },
    // A cylinder with a writer's pen stroke (Aurora), a cylinder with table rows (RDS), a bucket (S3).
    aurora: { category: 'data', path: `${CYLINDER} M9 17l1-3 5-5 2 2-5 5z` },
    rds: { category: 'data', path: `${CYLINDER} M4 11h16 M4 15h16 M12 9v11` },
    s3: { category: 'data', path: 'M4 6h16l-2 14H6z M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3c0 1.7-3.6 3-8 3S4 7.7 4 6' },
    // A bus with events branching off it (EventBridge); three steps joined top to bottom (Step Functions).
    eventbridge: { category: 'messaging', path: 'M3 12h18 M7 12l3-5h4 M7 12l3 5h4 M17 12l-3-5 M17 12l-3 5' },
    stepfunctions: { category: 'compute', path: 'M9 3h6v4H9z M4 10h6v4H4z M14 10h6v4h-6z M9 17h6v4H9z M12 7v1.5 M7 8.5h10 M7 8.5V10 M17 8.5V10 M7 14v1.5h10V14 M12 15.5V17' },
    // Three instances behind a bracket: a group that grows and shrinks.
    asg: { category: 'compute', path: 'M3 8h5v8H3z M9.5 8h5v8h-5z M16 8h5v8h-5z M3 5V3h18v2 M3 19v2h18v-2' },
    // A gateway in a wall, traffic leaving through it.
    nat: { category: 'network', path: 'M4 3v18 M4 12h14 M14 8l4 4-4 4 M20 5v14' },
    // A plug: a private connection into a service.
    endpoint: { category: 'network', path: 'M9 3v5 M15 3v5 M6 8h12v4a6 6 0 0 1-12 0z M12 18v3' },
    // A door with requests fanning out behind it (API Gateway), a globe with edge points (CloudFront), a person
    // (a Cognito user pool), a cloud outside the design (a third party).
    apigateway: { category: 'network', path: 'M3 4h7v16H3z M10 12h4 M14 12l6-6 M14 12h6 M14 12l6 6' },
    cloudfront: { category: 'network', path: `${CIRCLE} M3 12h18 M12 3v18 M5 6.5l2 1.5 M19 6.5l-2 1.5 M5 17.5l2-1.5 M19 17.5l-2-1.5` },
    cognito: { category: 'compute', path: 'M8 8a4 4 0 1 0 8 0a4 4 0 1 0-8 0 M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7' },
    external: { category: 'network', path: 'M7 18h10a4 4 0 0 0 .5-8A6 6 0 0 0 6 9.5A4.3 4.3 0 0 0 7 18z' },
};
