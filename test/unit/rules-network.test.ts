import * as assert from 'node:assert';
import { diagnostics, inRegion } from '../support/services.js';
import { expectFindings, expectFixed, expectQuiet, formatted } from '../support/rule-checks.js';

/** An element with its members on their own lines, as the formatter writes them. */
const block = (header: string, body: string) => `    ${header} {\n${body.split('\n').map(l => `      ${l}`).join('\n')}\n    }`;

/** An ALB in front of a web tier on EC2 Auto Scaling that reads a DynamoDB table, with the given NAT line. */
const webTier = (nat: string, web = 'asg web in a, b, c') => inRegion([
    block('alb edge in a, b, c', 'entry\nuses web'),
    block(web, 'min 3\nhealth check elb\nuses orders'),
    '    dynamodb orders',
    nat,
].join('\n'));

describe('EC2 Auto Scaling and network rules', () => {
    it('writes test inputs in the formatter\'s style, so that fixes are checked to keep files formatted', async () => {
        const text = webTier('    nat egress in a, b, c');
        assert.strictEqual(await formatted(text), text);
    });

    it('are all quiet on a clean design: a multi-AZ group with ELB health checks and a NAT gateway per AZ', async () => {
        for (const rule of ['asg-multi-az', 'asg-elb-health-check', 'nat-gateway-per-az', 'egress-cross-az', 'endpoint-placement', 'static-stability']) {
            await expectQuiet(webTier('    nat egress in a, b, c\n    endpoint ddb for dynamodb'), rule);
        }
    });

    describe('asg-multi-az', () => {
        it('fires on the AZ list of a group in one AZ', async () => {
            const [message] = await expectFindings(webTier('', 'asg web in b'), 'asg-multi-az', 'warning', ['b']);
            assert.match(message, /Auto Scaling group `web` launches instances only in use1\.b: an outage of that AZ stops every instance/);
        });
        it('stays quiet in two AZs or more', async () => {
            await expectQuiet(webTier('', 'asg web in a, b'), 'asg-multi-az');
            await expectQuiet(webTier('', 'asg web'), 'asg-multi-az');
        });
        it('adds the region\'s other AZs', async () => {
            assert.match(await expectFixed(webTier('', 'asg web in b'), 'asg-multi-az'), /asg web in b, a, c \{/);
        });
    });

    describe('asg-elb-health-check', () => {
        const noElb = inRegion([block('alb edge in a, b', 'entry\nuses web'), block('asg web in a, b', 'min 2')].join('\n'));
        it('fires on a group behind an alb that only uses EC2 status checks', async () => {
            const [message] = await expectFindings(noElb, 'asg-elb-health-check', 'warning', ['web']);
            assert.match(message, /sits behind `use1\.edge` but replaces instances only on EC2 status checks.*Add `health check elb`/);
            await expectFindings(noElb.replace('min 2', 'min 2\n      health check ec2'), 'asg-elb-health-check', 'warning', ['ec2']);
        });
        it('stays quiet with `health check elb`, or with no load balancer in front', async () => {
            await expectQuiet(noElb.replace('min 2', 'min 2\n      health check elb'), 'asg-elb-health-check');
            await expectQuiet(inRegion(block('asg worker in a, b', 'entry\nmin 2')), 'asg-elb-health-check');
        });
        it('turns on ELB health checks', async () => {
            assert.match(await expectFixed(noElb, 'asg-elb-health-check'), /min 2\n {6}health check elb\n/);
            assert.match(await expectFixed(noElb.replace('min 2', 'min 2\n      health check ec2'), 'asg-elb-health-check'), /health check elb\n/);
        });
    });

    describe('static-stability on an Auto Scaling group (the same math as ECS tasks)', () => {
        const group = (body: string) => inRegion(block('asg web in a, b, c', `entry\n${body}`));
        it('fires on `desired` when losing the fullest AZ leaves fewer than `needs`', async () => {
            const [message] = await expectFindings(group('min 2\ndesired 7\nmax 12\nneeds 6'), 'static-stability', 'error', ['7']);
            assert.match(message, /losing use1\.a \(3 of 7 instances\) leaves 4, fewer than the 6 it needs.*Raise `desired` to 9\./);
        });
        it('fires on `min` when there is no `desired`, and stays quiet when the AZs left hold `needs`', async () => {
            await expectFindings(group('min 6\nmax 12\nneeds 6'), 'static-stability', 'error', ['6']);
            await expectQuiet(group('min 9\nmax 12\nneeds 6'), 'static-stability');
        });
        it('raises the steady-state count to the smallest value that holds', async () => {
            assert.match(await expectFixed(group('min 2\ndesired 7\nmax 12\nneeds 6'), 'static-stability'), /desired 9\n/);
            assert.match(await expectFixed(group('min 6\nmax 12\nneeds 6'), 'static-stability'), /min 9\n/);
        });
    });

    describe('nat-gateway-per-az', () => {
        it('fires on the AZ list of the NAT gateways when VPC services that need them run in more AZs', async () => {
            const [message] = await expectFindings(webTier('    nat egress in a'), 'nat-gateway-per-az', 'warning', ['a']);
            assert.match(message, /Region use1 has NAT gateways in use1\.a only, but services that call AWS services or other regions also run in use1\.b and use1\.c: they go out through use1\.a/);
        });
        it('stays quiet with a gateway in every such AZ, with an endpoint for every call out, and without any `nat`', async () => {
            await expectQuiet(webTier('    nat egress in a, b, c'), 'nat-gateway-per-az');
            await expectQuiet(webTier('    nat egress in a\n    endpoint ddb for dynamodb'), 'nat-gateway-per-az');
            await expectQuiet(webTier(''), 'nat-gateway-per-az');
        });
        it('adds the missing AZs', async () => {
            assert.match(await expectFixed(webTier('    nat egress in a'), 'nat-gateway-per-az'), /nat egress in a, b, c\n/);
        });
    });

    describe('egress-cross-az', () => {
        it('fires on the call that goes out through another AZ\'s NAT gateway', async () => {
            const [message] = await expectFindings(webTier('    nat egress in a, b'), 'egress-cross-az', 'warning', ['uses orders']);
            assert.match(message, /`use1\.web` runs in use1\.c but reaches AWS services \(`uses orders`\) only through the NAT gateway in use1\.a: an outage of use1\.a cuts that AZ off/);
        });
        it('stays quiet with a gateway in each AZ of the caller, or an endpoint for its calls', async () => {
            await expectQuiet(webTier('    nat egress in a, b, c'), 'egress-cross-az');
            await expectQuiet(webTier('    nat egress in a\n    endpoint ddb for dynamodb'), 'egress-cross-az');
        });
    });

    it('says where a `nat` or `endpoint` belongs when one is written in a cell', async () => {
        for (const element of ['nat egress in a', 'endpoint tables for dynamodb']) {
            const syntax = await diagnostics(inRegion(`    cell c[2] in a, b {\n      ${element}\n    }`), 'syntax');
            assert.ok(syntax.some(d => /belong to the region's VPC: declare `(nat|endpoint)` in the region, not in a cell/.test(d.message)),
                JSON.stringify(syntax.map(d => d.message)));
        }
    });

    describe('endpoint-placement', () => {
        it('fires on the AZ list of a gateway endpoint', async () => {
            await expectFindings(inRegion('    endpoint files for s3 in a, b'), 'endpoint-placement', 'error', ['a']);
        });
        it('stays quiet on an interface endpoint in AZs, and a gateway endpoint without them', async () => {
            await expectQuiet(inRegion('    endpoint queues for sqs in a, b'), 'endpoint-placement');
            await expectQuiet(inRegion('    endpoint files for s3'), 'endpoint-placement');
        });
        it('removes the AZ list', async () => {
            assert.match(await expectFixed(inRegion('    endpoint files for s3 in a, b'), 'endpoint-placement'), /endpoint files for s3\n/);
        });
    });
});
