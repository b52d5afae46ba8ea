/**
 * Word tokens of free text with Intl.Segmenter, so scripts without spaces (Chinese, Japanese, Thai) split
 * into words too. Lower-cased; punctuation and whitespace segments dropped; one-character Latin tokens and
 * a short English stop list dropped (they carry no product meaning).
 */
const STOP_WORDS = new Set(['and', 'the', 'for', 'with', 'of', 'in', 'to', 'a', 'an', 'or', 'by', 'on', 'x']);

let segmenter: Intl.Segmenter | undefined;

export function tokenize(text: string, locale = 'und'): string[] {
  segmenter ??= new Intl.Segmenter(locale, { granularity: 'word' });
  const tokens: string[] = [];
  for (const segment of segmenter.segment(text.toLowerCase())) {
    if (!segment.isWordLike) continue;
    const word = segment.segment;
    if (STOP_WORDS.has(word)) continue;
    if (word.length === 1 && /[a-z0-9]/.test(word)) continue;
    tokens.push(word);
  }
  return tokens;
}
