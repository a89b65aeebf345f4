import { AppError } from '../errors';
import { hasRole, inScope, type Actor, type UnitScoped } from './actor';

/**
 * The one permission layer. A rule answers "may this actor do X to this record?" from the actor's
 * roles and unit scope and the loaded record, synchronously. A module declares its rules with
 * `ruleSet` (a plain value, no side effect) in its descriptor; the server installs every module's set
 * once (`installRules`); services call `authorize`, presenters call `abilities`.
 */
export type Rule<S> = (actor: Actor, subject: S) => boolean;

/** A module's rules: action name → rule. */
export type RuleSet = Readonly<Record<string, Rule<never>>>;

export function ruleSet<S>(defs: Record<string, Rule<S>>): RuleSet {
  return defs as RuleSet;
}

const rules = new Map<string, Rule<never>>();

/**
 * Makes a set's rules (and the global actions among them) known to `can`/`authorize`. Installing the same
 * set again is a no-op (tests build several apps in one process); two different rules for one action are
 * a mistake.
 */
export function installRules(set: RuleSet, global: readonly string[] = []): void {
  for (const [action, rule] of Object.entries(set)) {
    const existing = rules.get(action);
    if (existing && existing !== rule) throw new Error(`rule ${action} defined twice`);
    rules.set(action, rule);
  }
  for (const a of global) {
    if (!set[a]) throw new Error(`global action ${a} has no rule in its set`);
    if (!globalActions.includes(a)) globalActions.push(a);
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

/** Whether an action is record-free (answered without a record, sent to the web app with the user). */
export function isGlobalAction(action: string): boolean {
  return globalActions.includes(action);
}

export function globalAbilities(actor: Actor): Record<string, boolean> {
  return Object.fromEntries(globalActions.map((a) => [a, can(actor, a)]));
}

function isUnitScoped(s: unknown): s is UnitScoped {
  return typeof s === 'object' && s !== null && 'unitId' in s && 'provinceCode' in s;
}

// ---- core rules ---------------------------------------------------------------------------------

const isAdmin = (a: Actor) => hasRole(a, 'admin');

export const coreRules = ruleSet<{ isLocal?: boolean; provinceCode?: string } | undefined>({
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

export const coreGlobalActions = ['unit.create', 'user.read', 'calendar.update', 'audit.read'];
