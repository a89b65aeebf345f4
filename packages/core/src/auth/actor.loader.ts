import type { Db } from '../db/database';
import type { Actor, Scope } from '../policy/actor';
import { PROVINCIAL_ROLES, isRole, type Role } from '../policy/roles';
import { subtreeIds } from '../units/unit.repository';

/** Builds the Actor of a user: roles, unit and scope (computed once per request). */
export async function loadActor(db: Db, userId: number, deploymentProvince: string): Promise<Actor | null> {
  const user = await db
    .selectFrom('appUser as u')
    .innerJoin('unit', 'unit.id', 'u.unitId')
    .select([
      'u.id',
      'u.username',
      'u.fullName',
      'u.isActive',
      'u.unitId',
      'unit.code as unitCode',
      'unit.name as unitName',
      'unit.provinceCode',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!user || !user.isActive) return null;
  const roleRows = await db.selectFrom('userRole').select('role').where('userId', '=', userId).execute();
  const roles = roleRows.map((r) => r.role).filter(isRole) as Role[];
  const provincial = roles.some((r) => PROVINCIAL_ROLES.includes(r));
  const scope: Scope = provincial
    ? { kind: 'province', provinceCode: deploymentProvince }
    : { kind: 'units', unitIds: await subtreeIds(db, Number(user.unitId)) };
  return {
    userId: Number(user.id),
    username: user.username,
    fullName: user.fullName,
    unitId: Number(user.unitId),
    unitCode: user.unitCode,
    unitName: user.unitName,
    provinceCode: user.provinceCode,
    roles,
    scope,
  };
}
