/**
 * Accent-insensitive search in SQL, without the unaccent extension (not on every managed PostgreSQL,
 * not in PGlite): `translate(lower(col), 'àá…', 'aa…')` folds Vietnamese letters the way `foldText`
 * does in JavaScript, so "pho khuong" finds "Phường Phú Khương".
 */
import { sql, type RawBuilder } from 'kysely';
import { foldText } from '../text/normalize';

const LETTERS = 'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ';
const FROM = LETTERS;
const TO = [...LETTERS].map((c) => foldText(c)).join('');

/** The folded form of a column (or expression), for `like` against a folded pattern. */
export function foldedSql(column: string): RawBuilder<string> {
  return sql<string>`translate(lower(${sql.ref(column)}), ${FROM}, ${TO})`;
}

/** `%words%` for a folded column; LIKE's wildcards in the user's text are taken literally. */
export function foldedLike(text: string): string {
  return `%${foldText(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
