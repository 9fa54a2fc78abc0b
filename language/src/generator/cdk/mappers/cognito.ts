import type { ComponentOf } from '../../../model/topology.js';
import { obj } from '../code.js';
import type { EmitScope } from '../scope.js';

/**
 * cognito -> a `UserPool` kept on stack deletion and protected from deletion (it holds the users' accounts), with a
 * strong password policy and MFA by TOTP as the model says. It is regional: nothing here copies it to another region.
 */
export function declareCognito(component: ComponentOf<'cognito'>, scope: EmitScope): void {
    const ast = component.ast;
    const cognito = scope.mod('cognito');
    const pool = scope.variable(ast.name);
    const mfa = ast.mfa === 'on';
    scope.declarations.push(
        scope.trace(ast, `cognito ${ast.name}`),
        `const ${pool} = new ${cognito}.UserPool(this, '${scope.constructId(ast.name)}', ${obj([
            ['selfSignUpEnabled', 'false'],
            ['signInAliases', '{ email: true }'],
            ['mfa', `${cognito}.Mfa.${mfa ? 'REQUIRED' : 'OFF'}`],
            ['mfaSecondFactor', mfa ? '{ sms: false, otp: true }' : undefined],
            ['passwordPolicy', '{ minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true }'],
            ['accountRecovery', `${cognito}.AccountRecovery.EMAIL_ONLY`],
            ['deletionProtection', 'true'],
            ['removalPolicy', `${scope.core('RemovalPolicy')}.RETAIN`],
        ])});`,
        scope.acknowledge(pool, [
            { id: 'AwsSolutions-COG3', reason: 'Threat protection (advanced security) is a paid feature plan: turn it on with featurePlan PLUS when your organisation buys it.' },
            { id: 'AwsSolutions-COG8', reason: 'The Plus feature plan is paid: choose it (featurePlan PLUS) when your organisation buys threat protection.' },
            ...(mfa ? [] : [{ id: 'AwsSolutions-COG2', reason: `The model turns MFA off (\`mfa ${ast.mfa ?? 'off'}\`): set \`mfa on\` to require it.` }]),
        ]),
        '',
    );
    scope.declare(component, { expr: pool, propType: `${cognito}.IUserPool`, endpoint: `${pool}.userPoolId` });
}
