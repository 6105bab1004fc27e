import MarkdownIt from 'markdown-it';

/**
 * Article and page bodies: Markdown with raw HTML switched off (any `<tag>` in a body is shown
 * as text, never run), and markdown-it's own link check (no javascript:, vbscript:, data: URLs).
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

export function renderMarkdown(text: string): string {
  return md.render(text);
}

/** Plain text of a Markdown body for meta descriptions and feed summaries. */
export function plainText(text: string, max = 160): string {
  const plain = text.replace(/```[\s\S]*?```/g, ' ').replace(/[#>*_`\[\]()!-]+/g, ' ').replace(/\s+/g, ' ').trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}
