import * as assert from 'node:assert';
import { inRegion } from '../support/services.js';
import { expectFindings, expectFixed, expectQuiet, formatted } from '../support/rule-checks.js';

const ecs = (header: string, body: string) => inRegion(`    ecs ${header} {\n${body.split('\n').map(l => `      ${l}`).join('\n')}\n    }`);

describe('container rules', () => {
    it('writes test inputs in the formatter\'s style, so that fixes are checked to keep files formatted', async () => {
        const text = ecs('api in a, b, c', 'launch fargate\ntasks 6');
        assert.strictEqual(await formatted(text), text);
    });

    describe('ecs-fargate-placement', () => {
        it('fires on placement and each constraint of a Fargate service', async () => {
            await expectFindings(ecs('api in a, b, c', 'launch fargate\ntasks 6\nplacement spread az\nconstraint distinct-instance'),
                'ecs-fargate-placement', 'error', ['spread az', 'distinct-instance']);
        });
        it('stays quiet on EC2, or on Fargate without placement', async () => {
            await expectQuiet(ecs('api in a, b, c', 'launch ec2\ntasks 6\nplacement spread az\nconstraint distinct-instance'), 'ecs-fargate-placement');
            await expectQuiet(ecs('api in a, b, c', 'launch fargate\ntasks 6'), 'ecs-fargate-placement');
        });
        it('removes the placement and constraint lines', async () => {
            const fixed = await expectFixed(ecs('api in a, b, c', 'launch fargate\nplacement spread az, binpack memory\ntasks 6\nconstraint distinct-instance'), 'ecs-fargate-placement');
            assert.strictEqual(fixed, ecs('api in a, b, c', 'launch fargate\ntasks 6'));
        });
    });

    describe('ecs-ec2-spread-az', () => {
        it('fires on the first strategy when it is not `spread az`', async () => {
            await expectFindings(ecs('api in a, b', 'launch ec2\nplacement binpack memory, spread az'), 'ecs-ec2-spread-az', 'warning', ['binpack memory']);
        });
        it('fires on `launch` when there is no placement', async () => {
            await expectFindings(ecs('api in a, b', 'launch ec2'), 'ecs-ec2-spread-az', 'warning', ['ec2']);
        });
        it('stays quiet with `spread az` first, or in one AZ', async () => {
            await expectQuiet(ecs('api in a, b', 'launch ec2\nplacement spread az, binpack memory'), 'ecs-ec2-spread-az');
            await expectQuiet(ecs('api in a', 'launch ec2\nplacement binpack memory'), 'ecs-ec2-spread-az');
        });
        it('puts `spread az` first, dropping a later duplicate', async () => {
            const fixed = await expectFixed(ecs('api in a, b', 'launch ec2\nplacement binpack memory, spread az'), 'ecs-ec2-spread-az');
            assert.match(fixed, /placement spread az, binpack memory\n/);
            assert.match(await expectFixed(ecs('api in a, b', 'launch ec2'), 'ecs-ec2-spread-az'), /placement spread az\n/);
        });
    });

    describe('ecs-multi-az', () => {
        it('fires on the AZ list of a service in one AZ', async () => {
            await expectFindings(ecs('api in b', 'launch fargate'), 'ecs-multi-az', 'warning', ['b']);
        });
        it('fires on the name when the one AZ is inherited from the cell', async () => {
            await expectFindings(inRegion('    cell shop[2] in a {\n      ecs api\n    }'), 'ecs-multi-az', 'warning', ['api']);
        });
        it('stays quiet in two AZs', async () => {
            await expectQuiet(ecs('api in a, b', 'launch fargate'), 'ecs-multi-az');
            await expectQuiet(inRegion('    ecs api'), 'ecs-multi-az');
        });
    });

    const eks = (body: string) => inRegion(`    eks cluster {\n${body.split('\n').map(l => `      ${l}`).join('\n')}\n    }`);

    describe('eks-nodegroups-multi-az', () => {
        it('fires when the node groups together cover one AZ', async () => {
            await expectFindings(eks('nodegroup one in a { min 2 }\nnodegroup two in a { min 2 }\nautoscaler on'), 'eks-nodegroups-multi-az', 'error', ['cluster']);
        });
        it('stays quiet when they cover two AZs, or with Fargate profiles only', async () => {
            await expectQuiet(eks('nodegroup one in a { min 2 }\nnodegroup two in b { min 2 }\nautoscaler on'), 'eks-nodegroups-multi-az');
            await expectQuiet(eks('fargate profile jobs { namespaces "jobs" }'), 'eks-nodegroups-multi-az');
        });
    });

    describe('eks-nodegroup-single-az', () => {
        it('fires (info) on a group in one AZ of a cluster that spans several', async () => {
            await expectFindings(eks('nodegroup one in a { min 2 }\nnodegroup two in a, b { min 2 }\nautoscaler on'), 'eks-nodegroup-single-az', 'info', ['a']);
        });
        it('stays quiet for groups in several AZs', async () => {
            await expectQuiet(eks('nodegroup one { min 2 }\nnodegroup two in a, b { min 2 }\nautoscaler on'), 'eks-nodegroup-single-az');
        });
    });

    describe('eks-autoscaler', () => {
        it('fires (info) without `autoscaler on`', async () => {
            await expectFindings(eks('nodegroup one { min 2 }'), 'eks-autoscaler', 'info', ['cluster']);
            await expectFindings(eks('nodegroup one { min 2 }\nautoscaler off'), 'eks-autoscaler', 'info', ['off']);
        });
        it('stays quiet with `autoscaler on`', async () => {
            await expectQuiet(eks('nodegroup one { min 2 }\nautoscaler on'), 'eks-autoscaler');
        });
    });
});
