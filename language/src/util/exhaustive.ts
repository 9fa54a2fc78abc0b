/**
 * The default of a switch that handles every member of a union: once a member is added (a service kind, say),
 * passing the value here no longer compiles, so the compiler lists the switch among those to extend.
 */
export function unreachable(value: never): never {
    throw new Error(`a case is not handled: ${String(value)}`);
}
