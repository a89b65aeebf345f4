import { resolveScopedUnit, unitRepository, type Actor, type AppServices } from '@cchc/core';

/** The unit ids an actor sees (null: the whole province). */
export async function scopeUnits(_s: AppServices, actor: Actor): Promise<number[] | null> {
  return actor.scope.kind === 'province' ? null : [...actor.scope.unitIds];
}

/**
 * The units a result is computed over: the named unit and its sub-units (scope-checked), or everything the
 * actor sees. Null means the whole province.
 */
export async function resultUnits(
  s: AppServices,
  actor: Actor,
  code?: string,
): Promise<{ ids: number[] | null; unit: { code: string; name: string } | null }> {
  if (code && code !== s.provinceCode) {
    const unit = await resolveScopedUnit(s, actor, code);
    return { ids: await unitRepository.subtreeIds(s.db, Number(unit.id)), unit: { code: unit.code, name: unit.name } };
  }
  return { ids: await scopeUnits(s, actor), unit: null };
}
