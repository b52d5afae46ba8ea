/**
 * Small dependency-free SVG charts for report.md (GitHub renders inline <svg> only from files, so the report
 * links .svg files written beside it). Plain text labels are escaped; values are numbers only.
 */
const PALETTE = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#666666', '#1f78b4', '#b2df8a', '#fb9a99', '#cab2d6', '#000000'];

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export interface Series {
  name: string;
  points: [number, number][];
}

/** A line chart (x numeric) with a legend on the right. */
export function lineChart(title: string, xLabel: string, yLabel: string, series: readonly Series[]): string {
  const width = 720;
  const height = 360;
  const left = 60;
  const right = 170;
  const top = 36;
  const bottom = 44;
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const yMax = Math.max(...ys, 1e-9) * 1.08;
  const px = (x: number): number => left + ((x - xMin) / (xMax - xMin || 1)) * (width - left - right);
  const py = (y: number): number => height - bottom - (y / yMax) * (height - top - bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${left}" y="20" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    `<line x1="${left}" y1="${height - bottom}" x2="${width - right}" y2="${height - bottom}" stroke="#333"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${height - bottom}" stroke="#333"/>`,
    `<text x="${(left + width - right) / 2}" y="${height - 8}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
    `<text x="14" y="${(top + height - bottom) / 2}" transform="rotate(-90 14 ${(top + height - bottom) / 2})" text-anchor="middle">${escapeXml(yLabel)}</text>`,
  ];
  for (let t = 0; t <= 4; t++) {
    const y = (yMax * t) / 4;
    parts.push(`<line x1="${left}" y1="${py(y)}" x2="${width - right}" y2="${py(y)}" stroke="#eee"/>`);
    parts.push(`<text x="${left - 6}" y="${py(y) + 4}" text-anchor="end">${y.toFixed(3)}</text>`);
  }
  for (const x of [...new Set(xs)].sort((a, b) => a - b)) {
    if ([...new Set(xs)].length > 12 && x % Math.ceil(xMax / 10) !== 0) continue;
    parts.push(`<text x="${px(x)}" y="${height - bottom + 16}" text-anchor="middle">${x}</text>`);
  }
  series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    const path = s.points.map(([x, y], p) => `${p === 0 ? 'M' : 'L'}${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ');
    parts.push(`<path d="${path}" fill="none" stroke="${color}" stroke-width="2"/>`);
    for (const [x, y] of s.points) parts.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="2.5" fill="${color}"/>`);
    const ly = top + 8 + i * 18;
    parts.push(`<rect x="${width - right + 12}" y="${ly - 9}" width="12" height="12" fill="${color}"/>`);
    parts.push(`<text x="${width - right + 30}" y="${ly + 1}">${escapeXml(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** A grouped bar chart: one group per category, one bar per series. */
export function barChart(title: string, yLabel: string, categories: readonly string[], series: readonly { name: string; values: number[] }[]): string {
  const width = 720;
  const height = 360;
  const left = 60;
  const right = 170;
  const top = 36;
  const bottom = 44;
  const yMax = Math.max(...series.flatMap((s) => s.values), 1e-9) * 1.08;
  const groupWidth = (width - left - right) / Math.max(categories.length, 1);
  const barWidth = (groupWidth * 0.8) / Math.max(series.length, 1);
  const py = (y: number): number => height - bottom - (y / yMax) * (height - top - bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${left}" y="20" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    `<line x1="${left}" y1="${height - bottom}" x2="${width - right}" y2="${height - bottom}" stroke="#333"/>`,
    `<text x="14" y="${(top + height - bottom) / 2}" transform="rotate(-90 14 ${(top + height - bottom) / 2})" text-anchor="middle">${escapeXml(yLabel)}</text>`,
  ];
  for (let t = 0; t <= 4; t++) {
    const y = (yMax * t) / 4;
    parts.push(`<line x1="${left}" y1="${py(y)}" x2="${width - right}" y2="${py(y)}" stroke="#eee"/>`);
    parts.push(`<text x="${left - 6}" y="${py(y) + 4}" text-anchor="end">${y.toFixed(3)}</text>`);
  }
  categories.forEach((category, c) => {
    const x0 = left + c * groupWidth + groupWidth * 0.1;
    series.forEach((s, i) => {
      const v = s.values[c] ?? 0;
      parts.push(`<rect x="${(x0 + i * barWidth).toFixed(1)}" y="${py(v).toFixed(1)}" width="${(barWidth * 0.9).toFixed(1)}" height="${(height - bottom - py(v)).toFixed(1)}" fill="${PALETTE[i % PALETTE.length]}"/>`);
    });
    parts.push(`<text x="${(x0 + groupWidth * 0.4).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle">${escapeXml(category)}</text>`);
  });
  series.forEach((s, i) => {
    const ly = top + 8 + i * 18;
    parts.push(`<rect x="${width - right + 12}" y="${ly - 9}" width="12" height="12" fill="${PALETTE[i % PALETTE.length]}"/>`);
    parts.push(`<text x="${width - right + 30}" y="${ly + 1}">${escapeXml(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}
