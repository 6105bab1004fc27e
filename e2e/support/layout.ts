import type { Locator } from 'playwright-core';

/**
 * The headings of a table's columns that are not wholly inside the box it scrolls in (its
 * parent): what a reader at this window size would have to scroll sideways to see. Empty when
 * every column is in view and the box has nothing to scroll to.
 */
export function columnsOutOfView(table: Locator): Promise<string[]> {
  return table.evaluate((element) => {
    const box = element.parentElement!;
    const left = box.getBoundingClientRect().left + box.clientLeft;
    const right = left + box.clientWidth;
    const out = [...element.querySelectorAll('thead th')]
      .filter((th) => { const r = th.getBoundingClientRect(); return r.left < left - 0.5 || r.right > right + 0.5; })
      .map((th) => (th.textContent ?? '').trim());
    return box.scrollWidth > box.clientWidth && out.length === 0 ? ['(the box scrolls sideways)'] : out;
  });
}

/**
 * The options of a select that, once chosen, would not be shown whole: the select is narrower
 * than Chromium makes one holding that option alone (its text, padding and arrow), measured on
 * a hidden twin beside it so the same styles apply. Disabled options cannot be chosen and are
 * not counted.
 */
export function optionsCutOff(select: Locator): Promise<string[]> {
  return select.evaluate((element) => {
    const own = element as HTMLSelectElement;
    const width = own.getBoundingClientRect().width;
    return [...own.options].filter((option) => !option.disabled).filter((option) => {
      const twin = document.createElement('select');
      twin.style.cssText = 'position: absolute; visibility: hidden; width: max-content; min-width: 0; max-width: none';
      twin.append(new Option(option.text));
      own.after(twin);
      const needed = twin.getBoundingClientRect().width;
      twin.remove();
      return needed > width + 0.5;
    }).map((option) => option.text);
  });
}
