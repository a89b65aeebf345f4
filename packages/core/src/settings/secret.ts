import crypto from 'node:crypto';
import type { Db } from '../db/database';

/**
 * A secret of the deployment kept in the database (`app_setting`): generated on first use, the same for
 * every process and restart afterwards (cookie signing, challenge signatures, hashed contacts).
 */
export async function storedSecret(db: Db, key: string): Promise<string> {
  const read = () => db.selectFrom('appSetting').select('value').where('key', '=', key).executeTakeFirst();
  const row = await read();
  if (row) return row.value;
  await db
    .insertInto('appSetting')
    .values({ key, value: crypto.randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await read())!.value;
}
