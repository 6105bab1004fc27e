import { invalidInput, type AppError } from '../domain/errors.ts';

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

/** The refusal for an --input FILE that cannot be read, naming the file and why. */
export function unreadableInput(file: string, error: unknown): AppError {
  const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? { en: 'no such file', zh: '文件不存在' }
    : { en: (error as Error).message, zh: (error as Error).message };
  return invalidInput({ en: `--input ${file}: cannot read the file (${reason.en})`, zh: `--input ${file}：无法读取该文件（${reason.zh}）` }, 'input');
}
