import { AppError } from '../errors';
import { hasRole, inScope, type Actor, type UnitScoped } from './actor';

/**
 * The one permission layer. A rule answers "may this actor do X to this record?" from the actor's
 * roles and unit scope and the loaded record, synchronously. Modules add their rules with
 * `defineRules`; services call `authorize`, presenters call `abilities`.
 */
type Rule<S> = (actor: Actor, subject: S) => boolean;

const rules = new Map<string, Rule<never>>();

export function defineRules<S>(defs: Record<string, Rule<S>>): void {
  for (const [action, rule] of Object.entries(defs)) {
    if (rules.has(action)) throw new Error(`rule ${action} defined twice`);
    rules.set(action, rule as Rule<never>);
  }
}

/** Whether a rule of that name exists (routes name their permission; an unknown name is a mistake). */
export function isKnownAction(action: string): boolean {
  return rules.has(action);
}

export function can<S>(actor: Actor, action: string, subject?: S): boolean {
  const rule = rules.get(action) as Rule<S | undefined> | undefined;
  if (!rule) throw new Error(`no rule for ${action}`);
  return rule(actor, subject);
}

/**
 * Throws 404 when the record is outside the actor's scope (its existence is not revealed) and 403
 * when it is visible but the action is not allowed.
 */
export function authorize<S>(actor: Actor, action: string, subject?: S): void {
  if (subject && isUnitScoped(subject) && !inScope(actor, subject)) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy bản ghi hoặc bản ghi ngoài phạm vi đơn vị của bạn.', 404);
  }
  if (!can(actor, action, subject)) {
    throw new AppError('FORBIDDEN', 'Bạn không có quyền thực hiện thao tác này.', 403, { action });
  }
}

/** `{ verb: boolean }` for each action, sent with records so the web app shows only allowed buttons. */
export function abilities<S>(actor: Actor, subject: S, actions: string[]): Record<string, boolean> {
  return Object.fromEntries(actions.map((a) => [a.slice(a.indexOf('.') + 1), can(actor, a, subject)]));
}

/**
 * Actions that do not depend on a record ("may this user open the users page?"). Their answers go to
 * the web app with the current user (`GET /api/auth/me` → `abilities`) so menus follow the same rules.
 */
const globalActions: string[] = [];

export function defineGlobalActions(actions: string[]): void {
  globalActions.push(...actions.filter((a) => !globalActions.includes(a)));
}

export function globalAbilities(actor: Actor): Record<string, boolean> {
  return Object.fromEntries(globalActions.map((a) => [a, can(actor, a)]));
}

function isUnitScoped(s: unknown): s is UnitScoped {
  return typeof s === 'object' && s !== null && 'unitId' in s && 'provinceCode' in s;
}

// ---- core rules ---------------------------------------------------------------------------------

const isAdmin = (a: Actor) => hasRole(a, 'admin');

defineRules<{ isLocal?: boolean; provinceCode?: string } | undefined>({
  'unit.read': () => true,
  'unit.create': (a) => isAdmin(a),
  'unit.update': (a, u) => isAdmin(a) && !!u?.isLocal && u.provinceCode === a.provinceCode,
  'user.read': (a) => isAdmin(a),
  'user.create': (a) => isAdmin(a),
  'user.update': (a) => isAdmin(a),
  'calendar.read': () => true,
  'calendar.update': (a) => isAdmin(a),
  'audit.read': (a) => isAdmin(a) || hasRole(a, 'cchc_office'),
  'system.runtime': (a) => isAdmin(a),
});

defineGlobalActions(['unit.create', 'user.read', 'calendar.update', 'audit.read']);
