// Export of what is on screen: one standalone SVG (theme colours resolved into presentation attributes, since the
// file has no VS Code CSS variables) and a PNG drawn from it on a canvas. Both go to the extension, which saves them.
import { s, SVG_NS } from './dom';

const PROPS = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'fill-opacity', 'font-size', 'font-family', 'font-weight'];

function inlineStyles(source: Element, target: Element): void {
  const cs = getComputedStyle(source);
  for (const p of PROPS) {
    const v = cs.getPropertyValue(p);
    if (v) target.setAttribute(p, v);
  }
  const a = [...source.children]; const b = [...target.children];
  a.forEach((c, i) => { if (b[i]) inlineStyles(c, b[i]); });
}

/** All visible panels stacked into one SVG document, with headings. */
export function composeSvg(root: HTMLElement, title: string): { svg: string; width: number; height: number } {
  const panels = [...root.querySelectorAll<SVGSVGElement>('svg.panel')];
  const fg = getComputedStyle(document.body).color;
  const bg = getComputedStyle(document.body).backgroundColor;
  const width = Math.max(320, ...panels.map((p) => Number(p.getAttribute('width'))));
  let y = 30;
  const out = s('svg', { xmlns: SVG_NS, width, version: '1.1' });
  const background = s('rect', { x: 0, y: 0, width, fill: bg });
  out.appendChild(background);
  out.appendChild(s('text', { x: 10, y: 20, fill: fg, 'font-size': 14, 'font-family': 'sans-serif', 'font-weight': 'bold' }, title));
  for (const p of panels) {
    const heading = p.closest('figure')?.querySelector('figcaption')?.textContent ?? p.getAttribute('aria-label') ?? '';
    out.appendChild(s('text', { x: 10, y: y + 16, fill: fg, 'font-size': 12, 'font-family': 'sans-serif' }, heading));
    y += 22;
    const clone = p.cloneNode(true) as SVGSVGElement;
    inlineStyles(p, clone);
    const g = s('g', { transform: `translate(0 ${y})` });
    while (clone.firstChild) g.appendChild(clone.firstChild);
    out.appendChild(g);
    y += Number(p.getAttribute('height')) + 8;
  }
  out.setAttribute('height', String(y));
  out.setAttribute('viewBox', `0 0 ${width} ${y}`);
  background.setAttribute('height', String(y));
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(out)}\n`, width, height: y };
}

/** PNG (base64, no data: prefix) of an SVG document at twice its size. */
export function svgToPng(svg: string, width: number, height: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = width * 2; canvas.height = height * 2;
      const ctx = canvas.getContext('2d');
      if (!ctx) { reject(new Error('no 2D canvas')); return; }
      ctx.scale(2, 2);
      ctx.drawImage(img, 0, 0);
      resolve(canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, ''));
    };
    img.onerror = () => reject(new Error('the chart could not be drawn as an image'));
    const bytes = new TextEncoder().encode(svg);
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    img.src = `data:image/svg+xml;base64,${btoa(bin)}`;
  });
}
