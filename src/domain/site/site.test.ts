import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkArticle, likePattern, neighbours } from './articles.ts';
import { splitFrontMatter } from './front-matter.ts';

describe('articles', () => {
  const ok = { slug: 'a-b', locale: 'en', category: 'your-rights', title: 'T', bodyMd: 'x', publishedAt: '2026-01-01T00:00:00Z' };
  it('checks every field and names it', () => {
    expect(checkArticle(ok).publishedAt?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(checkArticle({ ...ok, publishedAt: null }).publishedAt).toBeNull();
    for (const [patch, field] of [[{ slug: 'A B' }, 'slug'], [{ locale: 'fr' }, 'locale'], [{ category: 'misc' }, 'category'], [{ title: ' ' }, 'title'],
      [{ bodyMd: '  ' }, 'body_md'], [{ publishedAt: '2026-01-01' }, 'published_at']] as const) {
      expect(() => checkArticle({ ...ok, ...patch })).toThrow(expect.objectContaining({ field }));
    }
  });

  it('orders neighbours by publish time then id, within the list given', () => {
    const at = (d: string) => new Date(`2026-01-${d}T00:00:00Z`);
    const list = [{ id: 3, published_at: at('05') }, { id: 1, published_at: at('01') }, { id: 2, published_at: at('05') }];
    expect(neighbours(list, 2)).toEqual({ prev: list[1], next: list[0] });
    expect(neighbours(list, 1).prev).toBeNull();
    expect(neighbours(list, 3).next).toBeNull();
    expect(neighbours(list, 9)).toEqual({ prev: null, next: null });
  });

  it('escapes search text for ILIKE so every character matches itself (property)', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      const pattern = likePattern(text);
      // unescape the way PostgreSQL does with the default escape character
      const inner = pattern.slice(1, -1);
      let literal = '';
      for (let i = 0; i < inner.length; i++) {
        const c = inner[i]!;
        if (c === '\\') { literal += inner[++i]; continue; }
        expect(['%', '_']).not.toContain(c);
        literal += c;
      }
      expect(literal).toBe(text);
    }));
  });
});

describe('front matter', () => {
  it('splits key: value lines from the body, values may hold colons', () => {
    expect(splitFrontMatter('---\ntitle: A: B\nhours: 9:00-20:00\n---\n# Body\n')).toEqual({ fields: { title: 'A: B', hours: '9:00-20:00' }, body: '# Body\n' });
    expect(splitFrontMatter('# no front matter')).toEqual({ fields: {}, body: '# no front matter' });
  });
});
