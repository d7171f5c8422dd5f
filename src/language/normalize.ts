/** Lower-case, NFC, trimmed, without surrounding punctuation or emoji: for matching short replies. */
export function normalizeReply(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** normalizeReply without accents: "sì" → "si", "não" → "nao". */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
}
