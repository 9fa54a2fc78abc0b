import { regionOfAzId, regionOfAzName } from '../model/aws-regions.js';
import { AzAtIndex } from './intrinsics.js';
import { prop, type PropertyName, type SourceResource } from './source.js';

/**
 * Which AZs a resource runs in, from what its subnets say: `AvailabilityZoneId` (`use1-az1`, the same physical AZ
 * in every account), `AvailabilityZone` (`us-east-1a`, the account's name for one), or `Fn::Select [i, Fn::GetAZs]`
 * (the account's i-th AZ). A zone is kept as a token that says which of the three the code gave.
 */
export type ZoneToken = `id:${string}` | `name:${string}` | `index:${number}`;

const SUBNET_AZ_ID = prop('AvailabilityZoneId', 'availability_zone_id');
const SUBNET_AZ = prop('AvailabilityZone', 'availability_zone');
const GROUP_SUBNETS = prop('SubnetIds', 'subnet_ids');

const SUBNET_TYPES = new Set(['AWS::EC2::Subnet', 'aws_subnet', 'aws_default_subnet']);
const SUBNET_GROUP_TYPES = new Set([
    'AWS::RDS::DBSubnetGroup', 'aws_db_subnet_group', 'AWS::ElastiCache::SubnetGroup', 'aws_elasticache_subnet_group',
    'AWS::DocDB::DBSubnetGroup', 'AWS::Neptune::DBSubnetGroup',
]);

export class ZoneResolver {
    constructor(private readonly resources: ReadonlyMap<string, SourceResource>) { }

    /** The zones of the subnets (or subnet groups) among the referenced resources, in their order, each once. */
    zonesOfSubnets(keys: readonly string[]): ZoneToken[] {
        const zones = new Set<ZoneToken>();
        for (const key of keys) {
            const resource = this.resources.get(key);
            if (!resource) continue;
            if (SUBNET_TYPES.has(resource.type)) {
                const zone = this.zoneOfSubnet(resource, new Set());
                if (zone) zones.add(zone);
            } else if (SUBNET_GROUP_TYPES.has(resource.type)) {
                for (const zone of this.zonesOfSubnets(resource.view.references(GROUP_SUBNETS))) zones.add(zone);
            }
        }
        return [...zones];
    }

    /** Zones the code writes as values (an Auto Scaling group's `AvailabilityZones`). */
    zonesOfValues(values: readonly unknown[]): ZoneToken[] {
        return [...new Set(values.map(v => zoneOfValue(v, 'name')).filter((z): z is ZoneToken => z !== undefined))];
    }

    /**
     * The AZ a resource states at the path (an RDS instance's `AvailabilityZone`): a name (or id) it writes, or the AZ
     * of the subnet it reads it from (`Fn::GetAtt [subnet, AvailabilityZone]`), which may be placed by AZ id.
     */
    zoneAt(resource: SourceResource, path: PropertyName): ZoneToken | undefined {
        const written = zoneOfValue(resource.view.value(path), 'name');
        if (written) return written;
        const subnet = resource.view.references(path).map(key => this.resources.get(key)).find(r => r !== undefined && SUBNET_TYPES.has(r.type));
        return subnet && this.zoneOfSubnet(subnet, new Set());
    }

    /** A subnet's zone; another subnet's `Fn::GetAtt [s, AvailabilityZone]` is followed, each subnet once. */
    private zoneOfSubnet(subnet: SourceResource, seen: Set<string>): ZoneToken | undefined {
        seen.add(subnet.key);
        const direct = zoneOfValue(subnet.view.value(SUBNET_AZ_ID), 'id') ?? zoneOfValue(subnet.view.value(SUBNET_AZ), 'name');
        if (direct) return direct;
        for (const key of subnet.view.references(SUBNET_AZ)) {
            const other = this.resources.get(key);
            if (other && SUBNET_TYPES.has(other.type) && !seen.has(key)) return this.zoneOfSubnet(other, seen);
        }
        return undefined;
    }
}

/** A zone the code writes directly (an RDS instance's or a classic load balancer's `AvailabilityZone`). */
export function zoneOfValue(value: unknown, kind: 'id' | 'name'): ZoneToken | undefined {
    if (value instanceof AzAtIndex) return `index:${value.index}`;
    if (typeof value !== 'string' || value.length === 0) return undefined;
    if (kind === 'id' || regionOfAzId(value)) return `id:${value}`;
    return `name:${value}`;
}

/** The region code a zone names, when it names one (an index does not). */
export function regionOfZone(zone: ZoneToken): string | undefined {
    if (zone.startsWith('id:')) return regionOfAzId(zone.slice(3))?.code;
    if (zone.startsWith('name:')) return regionOfAzName(zone.slice(5))?.code;
    return undefined;
}
