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

/** Things with a bounding box, found by the boxes they may overlap: a grid of square cells. */
export class SpatialIndex<T> {
    private readonly cells = new Map<number, T[]>();

    constructor(private readonly cellSize = 256) { }

    add(box: Rect, item: T): void {
        this.forCells(box, key => {
            let cell = this.cells.get(key);
            if (!cell) this.cells.set(key, cell = []);
            cell.push(item);
        });
    }

    /** Everything added with a box in the same cells as `box` (a superset of what overlaps it). */
    near(box: Rect): Set<T> {
        const found = new Set<T>();
        this.forCells(box, key => this.cells.get(key)?.forEach(item => found.add(item)));
        return found;
    }

    private forCells(box: Rect, visit: (key: number) => void): void {
        const [left, right] = [Math.floor(box.x / this.cellSize), Math.floor((box.x + box.width) / this.cellSize)];
        const [top, bottom] = [Math.floor(box.y / this.cellSize), Math.floor((box.y + box.height) / this.cellSize)];
        // Cells keyed by one number: layouts are far smaller than 2^20 cells a side.
        for (let i = left; i <= right; i++) for (let j = top; j <= bottom; j++) visit(i * 1_048_576 + j);
    }
}

/** The box around a segment. */
export function segmentBox(a: Point, b: Point): Rect {
    return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(b.x - a.x), height: Math.abs(b.y - a.y) };
}
