import { readdirSync } from 'node:fs';
import path from 'node:path';
import { LanguagePackSchema, type LanguagePack } from '../domain/routing/language-pack.js';
import { projectPath } from '../config/installation-files.js';
import { readYamlFile, YamlFileError } from './yaml-file.js';

/** The language files bundled with Lotsen. */
export const BUNDLED_LANGUAGES = projectPath('languages');

export class LanguageFileError extends YamlFileError {
  constructor(message: string) {
    super('LANGUAGES.INVALID', message);
  }
}

/** Every `<code>.yaml` in the folder, validated; a mistake names its file, line and field. */
export function loadLanguageFiles(folder: string = BUNDLED_LANGUAGES): LanguagePack[] {
  let names: string[];
  try {
    names = readdirSync(folder)
      .filter((name) => name.endsWith('.yaml'))
      .sort();
  } catch (error) {
    throw new LanguageFileError(`Language folder ${folder} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return names.map((name) => {
    const pack = readYamlFile(path.join(folder, name), LanguagePackSchema, 'Language file', (message) => new LanguageFileError(message));
    if (`${pack.code}.yaml` !== name) throw new LanguageFileError(`Language file ${path.join(folder, name)}: code "${pack.code}" does not match the file name`);
    return pack;
  });
}
