import type { Author } from '../model.js';
import { safeLinkDestination } from '../sanitize/link-destination.js';
import { markdownSafeLabel } from './label-text.js';

const BOT_SUFFIX = '[bot]';

function isLoginChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x2d ||
    code === 0x5f ||
    code === 0x2e
  );
}

/** A GitHub login as GitHub spells them (letters, digits, `-`; `name[bot]` for apps): kept as written. */
function isPlainLogin(login: string): boolean {
  const base = login.endsWith(BOT_SUFFIX) ? login.slice(0, -BOT_SUFFIX.length) : login;
  if (base === '') return false;
  for (let i = 0; i < base.length; i++) if (!isLoginChar(base.charCodeAt(i))) return false;
  return true;
}

/**
 * An author as a template can print it in Markdown, `[@login](url)`: a login that is not one GitHub would
 * accept is escaped as label text, and a URL that is not http(s) is replaced by the login's GitHub page
 * (or dropped, for a login GitHub would not accept). The same object when nothing had to change.
 */
export function safeAuthor(author: Readonly<Author>): Author {
  const plain = isPlainLogin(author.login);
  const login = plain ? author.login : markdownSafeLabel(author.login);
  let url = author.url === '' ? '' : safeLinkDestination(author.url);
  if (url === '' && author.url !== '' && plain) url = githubPage(author.login);
  return login === author.login && url === author.url ? (author as Author) : { login, url };
}

function githubPage(login: string): string {
  return login.endsWith(BOT_SUFFIX)
    ? `https://github.com/apps/${login.slice(0, -BOT_SUFFIX.length)}`
    : `https://github.com/${login}`;
}
