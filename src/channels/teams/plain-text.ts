/**
 * What a resident wrote, made to show as plain text on an Adaptive Card. Cards render markdown
 * (links, bold, lists) and Teams turns bare addresses into links, so a name such as
 * "[Logga in här](https://…)" would become a phishing link in front of staff: every markdown
 * character is escaped, and a zero-width space keeps addresses from being linked.
 */
export function plainText(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (character) => `\\${character}`)
    .replace(/:\/\//g, ':\u200b//')
    .replace(/\bwww\\\./gi, (www) => `${www.slice(0, 3)}\u200b${www.slice(3)}`)
    .replace(/@/g, '@\u200b');
}
