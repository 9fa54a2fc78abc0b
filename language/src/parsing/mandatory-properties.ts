import type { AstReflection, LangiumParser, TypeMetaData } from 'langium';

/** What `onlyPropertiesWithDefaults` reaches inside Langium 4.1's parser (private there). */
interface ReflectionInternals {
    astReflection?: AstReflection;
}

/**
 * Langium's parser gives each AST node it builds the default of every property left unset (`[]`, `false`), going
 * through all the properties of the node's type: a new array of 10 to 40 entries for each of the 100,000 nodes of
 * a 10,000-service design, most of them without a default. The parser reads the types' metadata for nothing else:
 * it is given, here, the metadata of each type with only its properties that have a default, so that it sets the
 * same defaults. Other services keep the full metadata. If Langium's parser no longer has its reflection where 4.1
 * has it, the parser is left as it is.
 */
export function onlyPropertiesWithDefaults(parser: LangiumParser): void {
    const internals = parser as unknown as ReflectionInternals;
    const reflection = internals.astReflection;
    if (!reflection || typeof reflection.getTypeMetaData !== 'function') return;
    const withDefaults = new Map<string, TypeMetaData>();
    const lighter = Object.create(reflection) as AstReflection;
    lighter.getTypeMetaData = (type: string): TypeMetaData => {
        let metadata = withDefaults.get(type);
        if (!metadata) {
            const full = reflection.getTypeMetaData(type);
            const properties = Object.fromEntries(Object.entries(full.properties).filter(([, property]) => property.defaultValue !== undefined));
            metadata = { ...full, properties };
            withDefaults.set(type, metadata);
        }
        return metadata;
    };
    internals.astReflection = lighter;
}
