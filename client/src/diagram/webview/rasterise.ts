/** PNG export in the webview: the standalone SVG drawn on a canvas, returned as base64 (no data URL prefix). */
export async function rasterise(svg: string, scale: number): Promise<string> {
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    try {
        const image = new Image();
        image.src = url;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = Math.ceil(image.naturalWidth * scale);
        canvas.height = Math.ceil(image.naturalHeight * scale);
        const context = canvas.getContext('2d');
        if (!context) throw new Error('no 2D canvas');
        context.scale(scale, scale);
        context.drawImage(image, 0, 0);
        return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
    } finally {
        URL.revokeObjectURL(url);
    }
}
