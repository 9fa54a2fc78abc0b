/** Plane geometry of laid-out diagrams: where an edge's segment runs through a box. */
export interface Point { readonly x: number; readonly y: number; }
export interface Rect { readonly x: number; readonly y: number; readonly width: number; readonly height: number; }

/**
 * Whether the segment from `a` to `b` passes through the inside of `box`, shrunk by `inset` on every side so that
 * running along or touching its border does not count (Liang–Barsky clipping).
 */
export function segmentEntersBox(a: Point, b: Point, box: Rect, inset = 1): boolean {
    const left = box.x + inset;
    const right = box.x + box.width - inset;
    const top = box.y + inset;
    const bottom = box.y + box.height - inset;
    if (right <= left || bottom <= top) return false;
    if (Math.max(a.x, b.x) <= left || Math.min(a.x, b.x) >= right || Math.max(a.y, b.y) <= top || Math.min(a.y, b.y) >= bottom) return false;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    let t0 = 0;
    let t1 = 1;
    for (const [p, q] of [[-dx, a.x - left], [dx, right - a.x], [-dy, a.y - top], [dy, bottom - a.y]] as const) {
        if (p === 0) {
            if (q <= 0) return false;
            continue;
        }
        const t = q / p;
        if (p < 0) {
            if (t > t1) return false;
            if (t > t0) t0 = t;
        } else {
            if (t < t0) return false;
            if (t < t1) t1 = t;
        }
    }
    return t1 - t0 > 1e-9;
}

/** Whether any segment of the route passes through the box. */
export function routeEntersBox(points: readonly Point[], box: Rect): boolean {
    for (let i = 1; i < points.length; i++) if (segmentEntersBox(points[i - 1], points[i], box)) return true;
    return false;
}
