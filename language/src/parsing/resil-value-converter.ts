import { DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';

/** `99.95%` becomes 99.95; durations stay text (`35d`) so that an unknown unit can be reported, not lost. */
export class ResilValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'PERCENT') {
            return Number(input.slice(0, -1));
        }
        if (rule.name === 'NUMBER') {
            return Number(input);
        }
        return super.runConverter(rule, input, cstNode);
    }
}
