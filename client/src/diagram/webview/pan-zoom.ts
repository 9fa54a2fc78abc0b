/** Pan and zoom of the canvas inside the viewport: mouse drag, wheel, keyboard, fit-to-view. */
export interface Transform {
    readonly x: number;
    readonly y: number;
    readonly k: number;
}

const MIN_ZOOM = 0.05;
const MAX_ZOOM = 4;
const STEP = 1.2;
const PAN_STEP = 60;
/** Mouse movement (px) below which a press and release is a click, not a drag. */
export const CLICK_SLOP = 4;

export class PanZoom {
    private transform: Transform = { x: 0, y: 0, k: 1 };
    private drag: { startX: number; startY: number; origin: Transform; moved: boolean } | undefined;
    /** Set after a drag so that the click that ends it does not reveal a node. */
    suppressClick = false;

    constructor(private readonly viewport: HTMLElement, private readonly canvas: HTMLElement, private readonly changed: (t: Transform) => void) {
        viewport.addEventListener('mousedown', e => this.onDown(e));
        window.addEventListener('mousemove', e => this.onMove(e));
        window.addEventListener('mouseup', () => this.onUp());
        viewport.addEventListener('wheel', e => this.onWheel(e), { passive: false });
        viewport.addEventListener('keydown', e => this.onKey(e));
    }

    get current(): Transform {
        return this.transform;
    }

    set(transform: Transform): void {
        const k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, transform.k));
        this.transform = { x: transform.x, y: transform.y, k };
        // CSSOM, not a style attribute: allowed under the page's Content-Security-Policy.
        this.canvas.style.transform = `translate(${this.transform.x}px, ${this.transform.y}px) scale(${k})`;
        this.changed(this.transform);
    }

    /** Zooms by `factor` keeping the point (px, py) of the viewport in place. */
    zoom(factor: number, px = this.viewport.clientWidth / 2, py = this.viewport.clientHeight / 2): void {
        const { x, y, k } = this.transform;
        const next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k * factor));
        const ratio = next / k;
        this.set({ x: px - (px - x) * ratio, y: py - (py - y) * ratio, k: next });
    }

    /** Shows the whole drawing, never enlarged beyond 100 %. */
    fit(width: number, height: number): void {
        const vw = this.viewport.clientWidth;
        const vh = this.viewport.clientHeight;
        if (width <= 0 || height <= 0 || vw <= 0 || vh <= 0) return;
        const k = Math.min(1, (vw - 16) / width, (vh - 16) / height);
        this.set({ x: (vw - width * k) / 2, y: Math.max(8, (vh - height * k) / 2), k });
    }

    private onDown(e: MouseEvent): void {
        if (e.button !== 0) return;
        this.drag = { startX: e.clientX, startY: e.clientY, origin: this.transform, moved: false };
        this.suppressClick = false;
    }

    private onMove(e: MouseEvent): void {
        const drag = this.drag;
        if (!drag) return;
        const dx = e.clientX - drag.startX;
        const dy = e.clientY - drag.startY;
        if (!drag.moved && Math.hypot(dx, dy) < CLICK_SLOP) return;
        drag.moved = true;
        this.viewport.classList.add('panning');
        this.set({ ...drag.origin, x: drag.origin.x + dx, y: drag.origin.y + dy });
    }

    private onUp(): void {
        if (this.drag?.moved) this.suppressClick = true;
        this.drag = undefined;
        this.viewport.classList.remove('panning');
    }

    /** Ctrl/Cmd + wheel (and trackpad pinch) zooms; the wheel alone pans. */
    private onWheel(e: WheelEvent): void {
        e.preventDefault();
        if (e.ctrlKey || e.metaKey) {
            const rect = this.viewport.getBoundingClientRect();
            this.zoom(Math.exp(-e.deltaY / 300), e.clientX - rect.left, e.clientY - rect.top);
        } else {
            this.set({ ...this.transform, x: this.transform.x - e.deltaX, y: this.transform.y - e.deltaY });
        }
    }

    private onKey(e: KeyboardEvent): void {
        const t = this.transform;
        const moves: Record<string, () => void> = {
            ArrowLeft: () => this.set({ ...t, x: t.x + PAN_STEP }),
            ArrowRight: () => this.set({ ...t, x: t.x - PAN_STEP }),
            ArrowUp: () => this.set({ ...t, y: t.y + PAN_STEP }),
            ArrowDown: () => this.set({ ...t, y: t.y - PAN_STEP }),
            '+': () => this.zoom(STEP),
            '=': () => this.zoom(STEP),
            '-': () => this.zoom(1 / STEP),
        };
        const move = moves[e.key];
        if (move) {
            e.preventDefault();
            move();
        }
    }
}

export const ZOOM_STEP = STEP;
