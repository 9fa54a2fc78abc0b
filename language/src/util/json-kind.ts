/** What a value from a JSON message is, for telling a client what it sent: `null`, `an array`, `a number`... */
export function jsonKind(value: unknown): string {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'an array';
    return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
